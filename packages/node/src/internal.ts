/**
 * `@signalkit/node/internal`: the light modules signalkit's own packages share (`@signalkit/winston`
 * takes its environment reader, its diagnostics writer, its bounded flush, its error class, the metric
 * names and the running SDK's handle from here). Not a public API: names and signatures change with any release, without
 * notice; applications use the main entry, `@signalkit/node`.
 *
 * Nothing here imports an OpenTelemetry SDK package (the main entry loads them where they are used),
 * so importing this entry costs almost nothing at startup. Keep it that way: a module added here must
 * import no more than `@opentelemetry/api` types and Node built-ins.
 */
export {
  createEnvReader,
  describeType,
  type Env,
  type EnvReader,
  type EnvReading,
  type EnvType,
  type EnvVarSpec,
  isHttpUrl,
} from './config/createEnvReader.js';
export { ENV_VARS } from './config/envTable.js';
export { invalidOption } from './config/invalidOption.js';
export type { DiagnosticsLevel } from './config/options.js';
export { SignalkitError, type SignalkitErrorCode } from './config/SignalkitError.js';
export { describeError } from './diagnostics/describeError.js';
export { createDiagnostics, type Diagnostics } from './diagnostics/diagnostics.js';
export type { ObservabilityHandle } from './handle.js';
export { getObservability } from './instance.js';
export { ATTR, METRICS, type MetricSpec } from './metrics/names.js';
export { MIN_NODE_VERSION } from './nodeVersion.js';
export { backgroundAgentFactory } from './otlp/backgroundAgent.js';
export { patchRetryingTransport } from './otlp/patchRetryingTransport.js';
export { settleWithin } from './settleWithin.js';
export { type CatalogEntry, INSTRUMENTATION_CATALOG } from './traces/instrumentationCatalog.js';
