import { describe, expect, it } from 'vitest';
import { TopError } from './TopError.js';
import { DEFAULT_URL, normalizeUrl, parseTopArgs } from './topOptions.js';

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
      expect(() => parseTopArgs(args), args.join(' ')).toThrow(TopError);
      try {
        parseTopArgs(args);
      } catch (error) {
        expect((error as TopError).exitCode).toBe(2);
      }
    }
  });
});

describe('normalizeUrl', () => {
  it('adds http:// and /metrics when left out, and keeps a given path and query', () => {
    expect(normalizeUrl('127.0.0.1:9465')).toBe('http://127.0.0.1:9465/metrics');
    expect(normalizeUrl('http://localhost:9464')).toBe('http://localhost:9464/metrics');
    expect(normalizeUrl('https://host/custom?x=1')).toBe('https://host/custom?x=1');
  });
});
