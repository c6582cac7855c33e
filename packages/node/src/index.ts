export type {
  DiagnosticsLevel,
  MetricsOptions,
  ObservabilityOptions,
  PrometheusOptions,
} from './config/options.js';
export type { ConfigProblem, ResolvedConfig, ResolvedPrometheus } from './config/resolveConfig.js';
export { SignalkitError, type SignalkitErrorCode } from './config/SignalkitError.js';
export type { FlushOptions, ObservabilityHandle } from './handle.js';
export type { Health } from './health.js';
export { getRoute, setRoute } from './http/route.js';
export { initObservability } from './init.js';
export { getObservability } from './instance.js';
export {
  ATTR,
  GC_DURATION_BUCKETS,
  HTTP_DURATION_BUCKETS,
  type InstrumentKind,
  METRICS,
  type MetricSpec,
  prometheusLabel,
  prometheusName,
} from './metrics/names.js';
export type { EndpointState } from './prometheus/PrometheusEndpoint.js';
export { VERSION } from './version.js';
