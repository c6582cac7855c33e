import type { EnvVarSpec as GenericEnvVarSpec } from './createEnvReader.js';

/** Which part of signalkit a variable belongs to: an invalid value turns that part off. */
export type EnvScope = 'sdk' | 'metrics' | 'traces' | 'otlp' | 'otlpMetrics';

/**
 * What an invalid value of a variable of each scope does, as the error line and the README say it.
 * `sdk` variables fall back to their default; the others turn their part off.
 */
export const INVALID_VALUE_EFFECT: Readonly<Record<EnvScope, string>> = {
  sdk: 'using the default',
  metrics: 'metrics are disabled',
  traces: 'tracing is disabled',
  otlp: 'OTLP export is disabled',
  otlpMetrics: 'the OTLP metrics push is disabled',
};

/** One variable of @signalkit/node's table. */
export type EnvVarSpec = GenericEnvVarSpec<EnvScope>;
