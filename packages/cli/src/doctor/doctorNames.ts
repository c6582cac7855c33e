import { ATTR, METRICS, prometheusLabel, prometheusName } from '@signalkit/node';

/**
 * The names doctor reads besides the golden signals (those are in top/signalNames.ts). signalkit's own come
 * from @signalkit/node's METRICS and ATTR; the rest are OpenTelemetry's (the Prometheus compatibility spec's
 * `target_info`, the resource attributes, the SDK's self-metrics from the semantic conventions).
 */
export const DOCTOR_NAMES = Object.freeze({
  /** `signalkit_config_info`: cardinality limit, traces on/off and their origin. */
  configInfo: prometheusName(METRICS.configInfo),
  cardinalityLimit: prometheusLabel(ATTR.cardinalityLimit),
  traces: prometheusLabel(ATTR.traces),
  tracesEndpoint: prometheusLabel(ATTR.tracesEndpoint),
  overflow: prometheusLabel(ATTR.overflow),
  /** The resource, as the compatibility spec exposes it. */
  targetInfo: 'target_info',
  runtimeName: prometheusLabel('process.runtime.name'),
  runtimeVersion: prometheusLabel('process.runtime.version'),
  distroVersion: prometheusLabel('telemetry.distro.version'),
  /** Spans handed to the exporter and how the export ended (`error_type` set when it failed). */
  spansExported: 'otel_sdk_exporter_span_exported_total',
  /** Spans through the batch processor (`error_type` set when dropped, e.g. a full queue). */
  spansProcessed: 'otel_sdk_processor_span_processed_total',
  /** Present whenever a span processor runs: tracing is on. */
  spanQueueCapacity: 'otel_sdk_processor_span_queue_capacity',
  errorType: prometheusLabel('error.type'),
  serverAddress: prometheusLabel(ATTR.serverAddress),
  serverPort: prometheusLabel(ATTR.serverPort),
});
