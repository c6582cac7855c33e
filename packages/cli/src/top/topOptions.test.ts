import { describe, expect, it } from 'vitest';
import { CliError, EXIT_CODES } from '../CliError.js';
import { normalizeMetricsUrl } from '../prometheus/metricsUrl.js';
import { DEFAULT_URL, DEFAULT_WEB_PORT, parseTopArgs, TOP_USAGE } from './topOptions.js';

describe('parseTopArgs', () => {
  it('defaults to the local signalkit endpoint, every 2 s, live, as a table', () => {
    expect(parseTopArgs([])).toEqual({
      urls: [DEFAULT_URL],
      intervalSeconds: 2,
      once: false,
      json: false,
      timeoutSeconds: 5,
    });
    expect(DEFAULT_URL).toBe('http://127.0.0.1:9464/metrics');
  });

  it('reads several endpoints and the options', () => {
    expect(parseTopArgs(['--once', '--json', '-i', '0.5', '--timeout', '1', 'a:1', 'http://b:2/m'])).toEqual({
      urls: ['http://a:1/metrics', 'http://b:2/m'],
      intervalSeconds: 0.5,
      once: true,
      json: true,
      timeoutSeconds: 1,
    });
  });

  it('takes an SLO file only when given one', () => {
    expect(parseTopArgs(['--slo', 'docker/slo.yaml', '--once'])).toMatchObject({
      sloPath: 'docker/slo.yaml',
    });
    expect(parseTopArgs([])).not.toHaveProperty('sloPath');
    expect(() => parseTopArgs(['--slo', ' '])).toThrow(/--slo: expected the path of an SLO file/);
  });

  it('asks for help', () => {
    expect(parseTopArgs(['--help'])).toBe('help');
    expect(parseTopArgs(['-h'])).toBe('help');
  });

  it('rejects bad intervals, unknown options and non-http URLs as usage errors', () => {
    for (const args of [
      ['-i', '0'],
      ['-i', 'x'],
      ['-i', ''],
      ['--timeout', '-1'],
      ['--what'],
      ['--slo'],
      ['ftp://x/'],
    ]) {
      expect(() => parseTopArgs(args), args.join(' ')).toThrow(CliError);
      try {
        parseTopArgs(args);
      } catch (error) {
        expect((error as CliError).exitCode).toBe(2);
      }
    }
  });
});

describe('normalizeMetricsUrl', () => {
  it('adds http:// and /metrics when left out, and keeps a given path and query', () => {
    expect(normalizeMetricsUrl('127.0.0.1:9465')).toBe('http://127.0.0.1:9465/metrics');
    expect(normalizeMetricsUrl('http://localhost:9464')).toBe('http://localhost:9464/metrics');
    expect(normalizeMetricsUrl('https://host/custom?x=1')).toBe('https://host/custom?x=1');
  });
});

describe('parseTopArgs: the web view', () => {
  it('serves on 9470 by default, or on the port asked for (0: any free port)', () => {
    expect(DEFAULT_WEB_PORT).toBe(9470);
    expect(parseTopArgs(['--web'])).toMatchObject({ web: { port: 9470 }, once: false, json: false });
    expect(parseTopArgs(['--web', '--port', '0', '-i', '1'])).toMatchObject({
      web: { port: 0 },
      intervalSeconds: 1,
    });
    expect(parseTopArgs(['--web', '--port', '65535'])).toMatchObject({ web: { port: 65535 } });
    expect(parseTopArgs([])).not.toHaveProperty('web');
  });

  it('serves the thresholds of an SLO file too', () => {
    expect(parseTopArgs(['--web', '--slo', 'docker/slo.yaml'])).toMatchObject({
      web: { port: 9470 },
      sloPath: 'docker/slo.yaml',
    });
  });

  it('rejects a bad port, --port without --web, and --web with --once or --json', () => {
    for (const args of [
      ['--web', '--port', '65536'],
      ['--web', '--port', '-1'],
      ['--web', '--port', '80x'],
      ['--web', '--port', ''],
      ['--port', '9470'],
      ['--web', '--once'],
      ['--web', '--json'],
    ]) {
      expect(() => parseTopArgs(args), args.join(' ')).toThrow(CliError);
    }
  });
});

describe('TOP_USAGE', () => {
  it('documents the exit code of every CliError code: an invalid SLO file and a web port in use among them', () => {
    const exitCodes = TOP_USAGE.slice(TOP_USAGE.indexOf('Exit codes:')).replace(/\s+/g, ' ');
    for (const [code, exit] of Object.entries(EXIT_CODES))
      expect(exitCodes, code).toMatch(new RegExp(`[:,] ${exit} `));
    expect(EXIT_CODES['invalid-slo']).toBe(2);
    expect(EXIT_CODES['port-in-use']).toBe(6);
    expect(exitCodes).toContain('2 usage or invalid SLO file');
    expect(exitCodes).toContain("6 the web view's port is in use");
    expect(TOP_USAGE).toContain('--slo <file>');
    expect(TOP_USAGE).toContain('--web');
  });
});
