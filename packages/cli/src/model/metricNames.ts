import { ATTR, METRICS, type MetricSpec, prometheusLabel, prometheusName } from '@signalkit/node';

/**
 * The one table of Prometheus names the CLI uses: `generate` writes rules and dashboards with them, `top`
 * and `doctor` read scrapes with them. signalkit's own come from @signalkit/node's metric contract (METRICS,
 * ATTR: never retyped here); the rest are OpenTelemetry's (the Prometheus compatibility spec's `target_info`,
 * resource attributes, the SDK's self-metrics from the semantic conventions).
 */

/** `log.records`, counted by @signalkit/winston. */
export const LOG_RECORDS: MetricSpec = METRICS.logRecords;

/** Attribute of `log.records` holding the level (`error`, `warn`, `info`, ...). */
export const LOG_LEVEL_ATTR = ATTR.logLevel;

/** Metric names. Histogram names are the family name: add `_bucket`, `_sum`, `_count`. */
export const PROM = Object.freeze({
  httpDuration: prometheusName(METRICS.httpServerDuration),
  /** The same without the unit suffix, as the upstream OpenTelemetry Prometheus exporter names it. */
  httpDurationWithoutUnit: prometheusName({ ...METRICS.httpServerDuration, unit: '1' }),
  httpActive: prometheusName(METRICS.httpServerActiveRequests),
  httpClientDuration: prometheusName(METRICS.httpClientDuration),
  eventLoopDelayP50: prometheusName(METRICS.eventLoopDelayP50),
  eventLoopDelayP99: prometheusName(METRICS.eventLoopDelayP99),
  eventLoopDelayMax: prometheusName(METRICS.eventLoopDelayMax),
  eventLoopUtilization: prometheusName(METRICS.eventLoopUtilization),
  heapUsed: prometheusName(METRICS.heapUsed),
  heapLimit: prometheusName(METRICS.heapLimit),
  cpuTime: prometheusName(METRICS.cpuTime),
  memoryUsage: prometheusName(METRICS.memoryUsage),
  activeHandles: prometheusName(METRICS.activeHandles),
  gcDuration: prometheusName(METRICS.gcDuration),
  logRecords: prometheusName(LOG_RECORDS),
  /** `signalkit_config_info`: cardinality limit, traces on/off and their origin. */
  configInfo: prometheusName(METRICS.configInfo),
  /** The resource, as the Prometheus compatibility spec exposes it. */
  targetInfo: 'target_info',
  /** Spans handed to the exporter and how the export ended (`error_type` set when it failed). */
  spansExported: 'otel_sdk_exporter_span_exported_total',
  /** Spans through the batch processor (`error_type` set when dropped, e.g. a full queue). */
  spansProcessed: 'otel_sdk_processor_span_processed_total',
  /** Present whenever a span processor runs: tracing is on. */
  spanQueueCapacity: 'otel_sdk_processor_span_queue_capacity',
});

/** Label names. */
export const LABEL = Object.freeze({
  method: prometheusLabel(ATTR.method),
  route: prometheusLabel(ATTR.route),
  status: prometheusLabel(ATTR.status),
  errorType: prometheusLabel(ATTR.errorType),
  cpuMode: prometheusLabel(ATTR.cpuMode),
  logLevel: prometheusLabel(LOG_LEVEL_ATTR),
  overflow: prometheusLabel(ATTR.overflow),
  cardinalityLimit: prometheusLabel(ATTR.cardinalityLimit),
  traces: prometheusLabel(ATTR.traces),
  tracesEndpoint: prometheusLabel(ATTR.tracesEndpoint),
  serverAddress: prometheusLabel(ATTR.serverAddress),
  serverPort: prometheusLabel(ATTR.serverPort),
  runtimeName: prometheusLabel('process.runtime.name'),
  runtimeVersion: prometheusLabel('process.runtime.version'),
  distroVersion: prometheusLabel('telemetry.distro.version'),
});

/**
 * The names `signalkit top` and the doctor's golden-signal checks read a scrape with: a view of the table
 * above, passed as a parameter so a test can hand in other names (an endpoint named the upstream way).
 */
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

export const SIGNAL_NAMES: SignalNames = Object.freeze({
  serverDuration: PROM.httpDuration,
  serverDurationWithoutUnit: PROM.httpDurationWithoutUnit,
  activeRequests: PROM.httpActive,
  eventLoopUtilization: PROM.eventLoopUtilization,
  eventLoopDelayP99: PROM.eventLoopDelayP99,
  heapUsed: PROM.heapUsed,
  heapLimit: PROM.heapLimit,
  cpuTime: PROM.cpuTime,
  logRecords: PROM.logRecords,
  labels: Object.freeze({
    method: LABEL.method,
    route: LABEL.route,
    status: LABEL.status,
    errorType: LABEL.errorType,
    overflow: LABEL.overflow,
    logLevel: LABEL.logLevel,
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
