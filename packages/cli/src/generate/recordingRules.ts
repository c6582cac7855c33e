import { SLO_WINDOWS, type SloWindow } from '../model/alerts.js';
import { LABEL, PROM } from '../model/metricNames.js';
import type { ServiceSlo } from '../slo/types.js';
import { jobMatcher, leMatcher, type Matcher, selector } from './selector.js';

/** A Prometheus rule group as written to the rule file. */
export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: readonly Record<string, unknown>[];
}

/** A request that failed, for the availability SLO: a 5xx response. */
export const SERVER_ERROR: Matcher = [LABEL.status, '=~', '5..'];

/**
 * Names of the recorded series. Alerts and the dashboard query these rather than repeating the
 * expressions, so both show the same numbers and Prometheus computes each once.
 */
export const RECORDED = Object.freeze({
  /** Requests per second by job and route (5-minute rate). */
  routeRequests: 'job_route:http_server_requests:rate5m',
  /** 5xx responses per second by job and route. */
  routeErrors: 'job_route:http_server_errors:rate5m',
  /** Bucket rates by job, route and le: for quantiles and the heatmap. */
  routeBuckets: `job_route_le:${PROM.httpDuration}_bucket:rate5m`,
  /** Requests per second by job. */
  jobRequests: 'job:http_server_requests:rate5m',
  /** Share of requests that failed (5xx) over a window, by job. */
  errorRatio: (w: SloWindow) => `job:http_server_errors:ratio_rate${w}`,
  /** Share of requests slower than the service's latency threshold over a window, by job. */
  slowRatio: (w: SloWindow) => `job:http_server_slow_requests:ratio_rate${w}`,
  /** CPU cores used (user + system) by job and instance. */
  cpu: 'job_instance:process_cpu:rate5m',
  /** Heap used over the heap limit by job and instance. */
  heapRatio: 'job_instance:nodejs_heap_used:ratio',
  /** Log records per second by job and level. */
  logRecords: 'job_level:log_records:rate5m',
});

const count = `${PROM.httpDuration}_count`;
const bucket = `${PROM.httpDuration}_bucket`;

/**
 * `part`, or 0 for the label sets that have traffic but no such request (a job that never failed has no
 * 5xx series at all, and its error ratio should read 0, not nothing).
 */
function orZero(part: string, all: string): string {
  return `(\n  ${part}\n  or\n  0 * ${all}\n)`;
}

/** Recording rules that do not depend on a service's thresholds: one group for every job. */
export function goldenSignalRules(): RuleGroup {
  const errorRatios = SLO_WINDOWS.map((w) => ({
    record: RECORDED.errorRatio(w),
    expr: `${orZero(
      `sum by (job) (rate(${selector(count, [SERVER_ERROR])}[${w}]))`,
      `sum by (job) (rate(${count}[${w}]))`,
    )}\n/\nsum by (job) (rate(${count}[${w}]))`,
  }));
  return {
    name: 'signalkit-golden-signals',
    rules: [
      { record: RECORDED.routeRequests, expr: `sum by (job, ${LABEL.route}) (rate(${count}[5m]))` },
      {
        record: RECORDED.routeErrors,
        expr: orZero(
          `sum by (job, ${LABEL.route}) (rate(${selector(count, [SERVER_ERROR])}[5m]))`,
          `sum by (job, ${LABEL.route}) (rate(${count}[5m]))`,
        ),
      },
      { record: RECORDED.routeBuckets, expr: `sum by (job, ${LABEL.route}, le) (rate(${bucket}[5m]))` },
      { record: RECORDED.jobRequests, expr: `sum by (job) (rate(${count}[5m]))` },
      ...errorRatios,
      { record: RECORDED.cpu, expr: `sum by (job, instance) (rate(${PROM.cpuTime}[5m]))` },
      {
        record: RECORDED.heapRatio,
        expr: `sum by (job, instance) (${PROM.heapUsed})\n/\nsum by (job, instance) (${PROM.heapLimit})`,
      },
      { record: RECORDED.logRecords, expr: `sum by (job, ${LABEL.logLevel}) (rate(${PROM.logRecords}[5m]))` },
    ],
  };
}

/** The latency SLI of one service: its threshold decides which bucket counts as fast. */
export function serviceSliRules(service: ServiceSlo): RuleGroup {
  const job = jobMatcher(service.name);
  const fast = selector(bucket, [job, leMatcher(service.latency.thresholdSeconds)]);
  return {
    name: `signalkit-${service.name}-sli`,
    // The job label is already in the result; naming it keeps the rules of two services apart for promtool's
    // duplicate-rule check.
    rules: SLO_WINDOWS.map((w) => ({
      record: RECORDED.slowRatio(w),
      labels: { job: service.name },
      expr:
        `1 - (\n  sum by (job) (rate(${fast}[${w}]))\n  /\n` +
        `  sum by (job) (rate(${selector(count, [job])}[${w}]))\n)`,
    })),
  };
}
