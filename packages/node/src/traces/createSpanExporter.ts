import type { MeterProvider } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { ResolvedOtlpExporter } from '../config/resolveOtlpExporter.js';
import { traceExporterJson, traceExporterProto } from '../lazyPackages.js';
import { backgroundAgentFactory } from '../otlp/backgroundAgent.js';
import { patchRetryingTransport } from '../otlp/patchRetryingTransport.js';

/**
 * The OTLP/HTTP span exporter (protobuf by default, JSON on request), configured only from the resolved
 * configuration. Retries (429/502/503/504 and connection errors, exponential backoff, Retry-After) and
 * the 4 MiB cap on response bodies are the upstream exporter's, except that a `Retry-After` that is not a
 * delay in the future falls back to the backoff, and that neither its sockets nor its retry waits keep a
 * finished process alive (see otlp/); its requests run with tracing suppressed, so they are never traced.
 */
export function createSpanExporter(
  options: ResolvedOtlpExporter,
  selfObsMeterProvider: MeterProvider,
): SpanExporter {
  const config = {
    url: options.url,
    headers: { ...options.headers },
    timeoutMillis: options.timeoutMillis,
    compression: options.compression,
    // One export in flight at a time: a slow collector must not multiply open requests.
    concurrencyLimit: 1,
    // Sockets that never keep a finished process alive.
    httpAgentOptions: backgroundAgentFactory(),
    selfObsMeterProvider,
  };
  // Only the protocol in use is loaded (each exporter package brings its own serializer).
  type Config = ConstructorParameters<ReturnType<typeof traceExporterProto>['OTLPTraceExporter']>[0];
  const { OTLPTraceExporter } = options.protocol === 'http/json' ? traceExporterJson() : traceExporterProto();
  const exporter = new OTLPTraceExporter(config as Config);
  patchRetryingTransport(exporter);
  return exporter;
}
