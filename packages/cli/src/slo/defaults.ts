import type { SloThresholds } from './types.js';

/**
 * Thresholds a service gets for what neither its own section nor the file's `defaults:` set.
 * The latency threshold is a bucket bound of `http.server.request.duration` (0.005 .. 10 s).
 */
export const SLO_DEFAULTS: SloThresholds = Object.freeze({
  availability: Object.freeze({ objective: 0.995 }),
  latency: Object.freeze({ thresholdSeconds: 0.5, objective: 0.99, p99Seconds: 1 }),
  traffic: Object.freeze({ dropRatio: 0.5, minRequestsPerSecond: 0.1 }),
  saturation: Object.freeze({
    eventLoopUtilization: 0.9,
    eventLoopDelayP99Seconds: 0.1,
    heapUsedRatio: 0.85,
    cpuCores: 0.9,
  }),
  logs: Object.freeze({ errorsPerMinute: 10, warningsPerMinute: 60 }),
});

/** Default base of the alerts' `runbook_url`: the runbook sections of the demo stack's README. */
export const DEFAULT_RUNBOOK_URL = 'docker/README.md';
