import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError } from '../CliError.js';
import { alertSeverity, BURN_RATES } from '../model/alerts.js';
import { DEFAULT_THRESHOLDS, thresholdsFromSlo } from '../model/thresholds.js';
import { SLO_DEFAULTS } from '../slo/defaults.js';
import { parseSlo } from '../slo/parseSlo.js';
import { DEFAULT_TOP_THRESHOLDS, loadTopThresholds, sloThresholdSource } from './sloThresholds.js';

/** The burn-rate levels of a budget: the workbook's pairs, highest first, as the rules compute them. */
function levels(budget: number) {
  return [
    { severity: 'page', window: '1h', ratio: 14.4 * budget },
    { severity: 'page', window: '6h', ratio: 6 * budget },
    { severity: 'ticket', window: '1d', ratio: 3 * budget },
    { severity: 'ticket', window: '3d', ratio: 1 * budget },
  ];
}

const DOCKER_SLO = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'docker',
  'slo.yaml',
);

describe('thresholds from an SLO file', () => {
  it('gives each service of docker/slo.yaml the numbers of its alerts', async () => {
    const { from, source } = await loadTopThresholds(DOCKER_SLO);
    expect(from).toBe(DOCKER_SLO);
    // orders: 99.5% available, 99% under 500 ms, p99 1 s; the file's defaults for the rest.
    expect(source('orders')).toEqual({
      errorRatioBurn: levels(0.005),
      latencyThresholdSeconds: 0.5,
      slowRatioBurn: levels(0.01),
      latencyP99Seconds: 1,
      eventLoopUtilization: 0.9,
      eventLoopDelayP99Seconds: 0.1,
      heapUsedRatio: 0.85,
      cpuCores: 0.9,
      errorLogsPerMinute: 10,
      warningLogsPerMinute: 60,
    });
    // inventory: 99.9% available, 99% under 250 ms, p99 500 ms, 5 error and 30 warning logs a minute.
    expect(source('inventory')).toMatchObject({
      errorRatioBurn: levels(0.001),
      latencyThresholdSeconds: 0.25,
      latencyP99Seconds: 0.5,
      errorLogsPerMinute: 5,
      warningLogsPerMinute: 30,
    });
  });

  it("gives a route its service's thresholds: the rules are per service", () => {
    const source = sloThresholdSource(
      parseSlo(
        'services:\n  api:\n    availability: { objective: 99% }\n    latency: { threshold: 100ms }\n',
      ),
    );
    const api = source('api');
    expect(api?.errorRatioBurn).toEqual(levels(0.01));
    expect(source('api', { method: 'GET', route: '/users/:id' })).toBe(api);
    expect(source('api', { method: null, route: null })).toBe(api);
  });

  it("reads each service over the file's defaults, with different objectives per service", () => {
    const source = sloThresholdSource(
      parseSlo(`
defaults:
  availability: { objective: 99.99% }
  saturation: { cpu: 2, heapUsed: 70% }
services:
  strict: {}
  lenient:
    availability: { objective: 95% }
    latency: { threshold: 2.5s, objective: 90%, p99: 5s }
    logs: { errorsPerMinute: 100 }
`),
    );
    expect(source('strict')).toMatchObject({
      errorRatioBurn: levels(0.0001),
      latencyThresholdSeconds: SLO_DEFAULTS.latency.thresholdSeconds,
      cpuCores: 2,
      heapUsedRatio: 0.7,
    });
    expect(source('lenient')).toMatchObject({
      errorRatioBurn: levels(0.05),
      latencyThresholdSeconds: 2.5,
      slowRatioBurn: levels(0.1),
      latencyP99Seconds: 5,
      cpuCores: 2,
      errorLogsPerMinute: 100,
    });
  });

  it('gives a service the file does not list no thresholds: no rule would fire for it', () => {
    const source = sloThresholdSource(parseSlo('services:\n  api: {}\n'));
    expect(source('worker')).toBeNull();
    expect(source('worker', { method: 'GET', route: '/' })).toBeNull();
  });

  it('takes the burn-rate pairs from the generator, highest level first', () => {
    const t = thresholdsFromSlo(SLO_DEFAULTS);
    const pairs = [...BURN_RATES.page, ...BURN_RATES.ticket];
    expect(t.errorRatioBurn.map((l) => l.window)).toEqual(pairs.map((p) => p.long));
    expect(t.errorRatioBurn.map((l) => l.ratio)).toEqual(pairs.map((p) => p.factor * 0.005));
    expect(t.slowRatioBurn.map((l) => l.ratio)).toEqual(pairs.map((p) => p.factor * 0.01));
  });
});

describe('thresholds without an SLO file', () => {
  it('are those of an SLO file of defaults, for every service; not the old made-up 5%', async () => {
    expect(await loadTopThresholds(undefined)).toBe(DEFAULT_TOP_THRESHOLDS);
    expect(DEFAULT_TOP_THRESHOLDS.from).toBe('defaults');
    const fromFile = sloThresholdSource(parseSlo('services:\n  anything: {}\n'))('anything');
    expect(DEFAULT_THRESHOLDS).toEqual(fromFile);
    expect(DEFAULT_TOP_THRESHOLDS.source('anything')).toEqual(fromFile);
    expect(DEFAULT_TOP_THRESHOLDS.source('other', { method: 'GET', route: '/x' })).toBe(DEFAULT_THRESHOLDS);
    expect(DEFAULT_THRESHOLDS.errorRatioBurn[0]?.ratio).toBeCloseTo(0.072, 12);
  });
});

describe('loadTopThresholds', () => {
  it('rejects a bad SLO file with the message signalkit generate gives, as a usage error', async () => {
    const error = await loadTopThresholds(join(DOCKER_SLO, '..', 'compose.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('invalid-slo');
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toMatch(/^invalid SLO file .*compose\.yaml: /);
  });

  it('says when the file cannot be read', async () => {
    const error = await loadTopThresholds('/nonexistent/slo.yaml').catch((e: unknown) => e);
    expect((error as CliError).message).toMatch(/^cannot read the SLO file \/nonexistent\/slo\.yaml: ENOENT/);
    expect((error as CliError).exitCode).toBe(2);
  });
});

describe('alertSeverity', () => {
  it('reads the severity label of the generated rules', () => {
    expect(alertSeverity('LatencyP99High')).toBe('ticket');
    expect(alertSeverity('TargetDown')).toBe('page');
  });
});
