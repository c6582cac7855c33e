import { describe, expect, it } from 'vitest';
import { SLO_DEFAULTS } from './defaults.js';
import { parseSlo } from './parseSlo.js';
import { SloError } from './SloError.js';

function problems(text: string): readonly string[] {
  try {
    parseSlo(text);
  } catch (error) {
    if (error instanceof SloError) return error.problems;
    throw error;
  }
  throw new Error('parseSlo accepted the file');
}

describe('parseSlo', () => {
  it('fills what a service leaves out from defaults:, then from the built-in defaults', () => {
    const slo = parseSlo(`
defaults:
  availability: { objective: 99.9% }
  logs: { errorsPerMinute: 3 }
services:
  api:
    latency: { threshold: 250ms, p99: 2s }
    logs: { warningsPerMinute: 7 }
  worker: {}
`);
    expect(slo.services.map((s) => s.name)).toEqual(['api', 'worker']);
    const [api, worker] = slo.services;
    expect(api?.availability.objective).toBe(0.999);
    expect(api?.latency).toEqual({
      thresholdSeconds: 0.25,
      objective: SLO_DEFAULTS.latency.objective,
      p99Seconds: 2,
    });
    expect(api?.logs).toEqual({ errorsPerMinute: 3, warningsPerMinute: 7 });
    expect(worker?.saturation).toEqual(SLO_DEFAULTS.saturation);
    expect(slo.runbookUrl).toBe('docker/README.md');
  });

  it('reads percentages, ratios, durations and bare seconds', () => {
    const slo = parseSlo(`
runbookUrl: https://example.test/runbook
services:
  api:
    availability: { objective: 0.995 }
    latency: { threshold: 1, objective: 99.5%, p99: 1.5s }
    saturation: { eventLoopUtilization: 0.8, eventLoopDelayP99: 0.05, heapUsed: 90%, cpu: 1.5 }
    traffic: { dropRatio: 30%, minRequestsPerSecond: 2 }
`);
    const api = slo.services[0];
    expect(api?.availability.objective).toBe(0.995);
    expect(api?.latency).toEqual({ thresholdSeconds: 1, objective: 0.995, p99Seconds: 1.5 });
    expect(api?.saturation).toEqual({
      eventLoopUtilization: 0.8,
      eventLoopDelayP99Seconds: 0.05,
      heapUsedRatio: 0.9,
      cpuCores: 1.5,
    });
    expect(api?.traffic).toEqual({ dropRatio: 0.3, minRequestsPerSecond: 2 });
    expect(slo.runbookUrl).toBe('https://example.test/runbook');
  });

  it('lists every problem at once, each naming its field and what was expected', () => {
    const found = problems(`
version: 2
colour: blue
services:
  api:
    availability: { objective: 100% }
    latency: { threshold: 300ms, p99: 20s, median: 1s }
    saturation: { cpu: -1 }
    errors: {}
  "bad name!": {}
`);
    expect(found).toEqual([
      'colour: unknown key (expected version, runbookUrl, defaults, services)',
      'version: 2: this signalkit reads version 1',
      'services.api.availability.objective: "100%": expected a percentage below 100% or a ratio below 1 (share of requests without a 5xx, e.g. 99.5%); write 99.5% or 0.995',
      'services.api.latency.median: unknown key (expected threshold, objective, p99)',
      'services.api.saturation.cpu: -1: expected a positive number (CPU cores, e.g. 0.9)',
      'services.api.errors: unknown section (expected availability, latency, traffic, saturation, logs)',
      expect.stringContaining('services.api.latency.threshold: 0.3s is not a bucket bound'),
      expect.stringContaining('services.api.latency.p99: 20s is outside the histogram'),
      expect.stringContaining('services.bad name!: the service name must match'),
    ]);
  });

  it('rejects a file without services, and text that is not YAML', () => {
    expect(problems('defaults: {}')).toEqual([
      'services: expected a mapping from service name (the Prometheus job) to its SLOs',
    ]);
    expect(() => parseSlo('services: [', 'x.yaml')).toThrow(/^x\.yaml: not valid YAML/);
  });
});
