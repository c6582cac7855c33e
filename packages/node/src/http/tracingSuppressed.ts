import { type Context, createContextKey } from '@opentelemetry/api';

/**
 * The key @opentelemetry/core's `suppressTracing()` sets (context keys are `Symbol.for` symbols, so this
 * is the same key), read here without loading @opentelemetry/core on the metrics path.
 */
const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/**
 * True inside an exporter's own request (the SDK suppresses tracing around it): such requests are
 * signalkit's, not the app's traffic. Same answer as @opentelemetry/core's `isTracingSuppressed`.
 */
export function isTracingSuppressed(context: Context): boolean {
  return context.getValue(SUPPRESS_TRACING_KEY) === true;
}
