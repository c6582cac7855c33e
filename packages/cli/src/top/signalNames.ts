import { ATTR, METRICS, type MetricSpec, prometheusLabel, prometheusName } from '@signalkit/node';

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
  /** The log-records counter, when the metric contract names one. */
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

// The log-records counter and its level attribute come with @signalkit/winston; until the metric
// contract (names.ts) defines them, top shows no log column rather than guess a name.
const logRecordsSpec = (METRICS as Partial<Record<string, MetricSpec>>).logRecords;
const logLevelAttribute = (ATTR as Partial<Record<string, string>>).logLevel;

/** The names from the metric contract of @signalkit/node: never retyped here. */
export const SIGNAL_NAMES: SignalNames = Object.freeze({
  serverDuration: prometheusName(METRICS.httpServerDuration),
  serverDurationWithoutUnit: prometheusName({ ...METRICS.httpServerDuration, unit: '1' }),
  activeRequests: prometheusName(METRICS.httpServerActiveRequests),
  eventLoopUtilization: prometheusName(METRICS.eventLoopUtilization),
  eventLoopDelayP99: prometheusName(METRICS.eventLoopDelayP99),
  heapUsed: prometheusName(METRICS.heapUsed),
  heapLimit: prometheusName(METRICS.heapLimit),
  logRecords:
    logRecordsSpec !== undefined && logLevelAttribute !== undefined
      ? prometheusName(logRecordsSpec)
      : undefined,
  labels: Object.freeze({
    method: prometheusLabel(ATTR.method),
    route: prometheusLabel(ATTR.route),
    status: prometheusLabel(ATTR.status),
    errorType: prometheusLabel(ATTR.errorType),
    overflow: prometheusLabel(ATTR.overflow),
    logLevel: logLevelAttribute === undefined ? undefined : prometheusLabel(logLevelAttribute),
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
