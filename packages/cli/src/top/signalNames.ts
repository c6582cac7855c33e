import { ATTR, METRICS, prometheusLabel, prometheusName } from '@signalkit/node';
import { LOG_LEVEL_ATTR, LOG_RECORDS } from '../generate/metricNames.js';

/** The Prometheus metric and label names `signalkit top` reads. */
export interface SignalNames {
  /** Histogram base name; the series add `_bucket` and `_count`. */
  readonly serverDuration: string;
  /** The same without the unit suffix, as the upstream OpenTelemetry Prometheus exporter names it. */
  readonly serverDurationWithoutUnit: string;
  readonly activeRequests: string;
  readonly eventLoopUtilization: string;
  readonly eventLoopDelayP99: string;
  readonly heapUsed: string;
  readonly heapLimit: string;
  /** CPU time counter (by mode). */
  readonly cpuTime: string;
  /** The log-records counter (`undefined`: not read). */
  readonly logRecords: string | undefined;
  readonly labels: {
    readonly method: string;
    readonly route: string;
    readonly status: string;
    readonly errorType: string;
    readonly overflow: string;
    readonly logLevel: string | undefined;
  };
}

/** The names from the metric contract (@signalkit/node's METRICS and ATTR): never retyped here. */
export const SIGNAL_NAMES: SignalNames = Object.freeze({
  serverDuration: prometheusName(METRICS.httpServerDuration),
  serverDurationWithoutUnit: prometheusName({ ...METRICS.httpServerDuration, unit: '1' }),
  activeRequests: prometheusName(METRICS.httpServerActiveRequests),
  eventLoopUtilization: prometheusName(METRICS.eventLoopUtilization),
  eventLoopDelayP99: prometheusName(METRICS.eventLoopDelayP99),
  heapUsed: prometheusName(METRICS.heapUsed),
  heapLimit: prometheusName(METRICS.heapLimit),
  cpuTime: prometheusName(METRICS.cpuTime),
  logRecords: prometheusName(LOG_RECORDS),
  labels: Object.freeze({
    method: prometheusLabel(ATTR.method),
    route: prometheusLabel(ATTR.route),
    status: prometheusLabel(ATTR.status),
    errorType: prometheusLabel(ATTR.errorType),
    overflow: prometheusLabel(ATTR.overflow),
    logLevel: prometheusLabel(LOG_LEVEL_ATTR),
  }),
});

/** Every sample name that counts as a golden signal, to tell a signalkit endpoint from another one. */
export function goldenSignalSampleNames(names: SignalNames): Set<string> {
  const out = new Set([
    `${names.serverDuration}_bucket`,
    `${names.serverDuration}_count`,
    names.activeRequests,
    names.eventLoopUtilization,
    names.eventLoopDelayP99,
    names.heapUsed,
    names.heapLimit,
  ]);
  if (names.logRecords !== undefined) out.add(names.logRecords);
  return out;
}
