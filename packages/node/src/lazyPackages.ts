import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The OpenTelemetry SDK packages, loaded on first use instead of at import. With the defaults (metrics
 * on the Prometheus endpoint) none of them loads at startup: the golden-signal and runtime metrics are
 * signalkit's own producers and serializer, and the SDK's MeterProvider is built when something asks for
 * a meter (app instruments, @signalkit/winston, the tracing self-metrics) or an OTLP push is configured.
 * Traces load the trace SDK, the instrumentations' base and the OTLP exporter of the protocol in use.
 * Before this, the preload loaded 285 modules and most of its startup time was spent there.
 *
 * Only @opentelemetry/api is imported statically (elsewhere); every other value comes through `require`,
 * in the ESM build too, so that there is one copy of each SDK package in the process, the one the
 * instrumentations (also loaded with `require`) use: @opentelemetry/core keeps module state (the global
 * error handler) that two copies would not share. The api's copies share their globals through one
 * `Symbol.for` key, and context keys are `Symbol.for` symbols.
 */
const load = createRequire(import.meta.url);

export const sdkTrace = (): typeof import('@opentelemetry/sdk-trace') => load('@opentelemetry/sdk-trace');

export const contextAsyncHooks = (): typeof import('@opentelemetry/context-async-hooks') =>
  load('@opentelemetry/context-async-hooks');

export const instrumentationBase = (): typeof import('@opentelemetry/instrumentation') =>
  load('@opentelemetry/instrumentation');

export const traceExporterProto = (): typeof import('@opentelemetry/exporter-trace-otlp-proto') =>
  load('@opentelemetry/exporter-trace-otlp-proto');

export const traceExporterJson = (): typeof import('@opentelemetry/exporter-trace-otlp-http') =>
  load('@opentelemetry/exporter-trace-otlp-http');

export const metricExporterProto = (): typeof import('@opentelemetry/exporter-metrics-otlp-proto') =>
  load('@opentelemetry/exporter-metrics-otlp-proto');

export const metricExporterJson = (): typeof import('@opentelemetry/exporter-metrics-otlp-http') =>
  load('@opentelemetry/exporter-metrics-otlp-http');

export const core = (): typeof import('@opentelemetry/core') => load('@opentelemetry/core');

export const resources = (): typeof import('@opentelemetry/resources') => load('@opentelemetry/resources');

export const sdkMetrics = (): typeof import('@opentelemetry/sdk-metrics') =>
  load('@opentelemetry/sdk-metrics');

/**
 * The version of an installed package, read from its package.json without loading the package (the
 * OpenTelemetry packages do not export their package.json). `undefined` when it cannot be read.
 */
export function installedVersion(name: string): string | undefined {
  try {
    const entry = load.resolve(name);
    const root = entry.slice(
      0,
      entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length,
    );
    const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
