import type { MetricsAuthOptions } from './metricsAuth.js';
import type { OtlpProtocol, TracesOptions } from './tracesOptions.js';

export type { MetricsAuthOptions } from './metricsAuth.js';

/** Log levels of signalkit's own diagnostics, as in `OTEL_LOG_LEVEL`. */
export type DiagnosticsLevel = 'none' | 'error' | 'warn' | 'info' | 'debug' | 'verbose' | 'all';

/** The Prometheus pull endpoint. */
export interface PrometheusOptions {
  /** Address to bind. Default `OTEL_EXPORTER_PROMETHEUS_HOST` or `127.0.0.1` (loopback only). */
  host?: string;
  /** Port to bind; `0` picks a free one. Default `OTEL_EXPORTER_PROMETHEUS_PORT` or `9464`. */
  port?: number;
  /** URL path. Default `SIGNALKIT_METRICS_PATH` or `/metrics`. */
  path?: string;
  /**
   * Credentials a scrape must present (`Authorization: Bearer <token>` or Basic); without them the endpoint
   * answers 401. Default `SIGNALKIT_METRICS_AUTH` or none. Meant for an endpoint bound beyond loopback.
   */
  auth?: MetricsAuthOptions;
}

/** Pushing metrics over OTLP/HTTP, beside or instead of the Prometheus endpoint. */
export interface OtlpMetricsOptions {
  /** Push on or off. Default on when `OTEL_METRICS_EXPORTER` lists `otlp`. */
  enabled?: boolean;
  /** Full URL. Default `OTEL_EXPORTER_OTLP_METRICS_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/metrics`. */
  endpoint?: string;
  /** OTLP encoding. Default `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Headers of every push (e.g. an auth token), merged over the environment's. Never printed. */
  headers?: Record<string, string>;
  /** Interval between pushes in milliseconds. Default `OTEL_METRIC_EXPORT_INTERVAL` or 60000. */
  intervalMillis?: number;
  /** Default `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE` or `cumulative`. */
  temporality?: 'cumulative' | 'delta' | 'lowmemory';
}

export interface MetricsOptions {
  /** Metrics on or off. Default on (`OTEL_METRICS_EXPORTER` unset or `prometheus`). */
  enabled?: boolean;
  /** The pull endpoint, or `false` for none (metrics are then only read through the handle). */
  prometheus?: PrometheusOptions | false;
  /** Attribute sets kept per instrument before overflow. Default `SIGNALKIT_CARDINALITY_LIMIT` or 2000. */
  cardinalityLimit?: number;
  /** Saturation metrics (event loop, heap, GC, CPU, RSS, handles). Default `true`. */
  runtime?: boolean;
  /** `http.client.request.duration` for node:http and fetch. Default `true`. */
  httpClient?: boolean;
  /** Push over OTLP too (or only, with `prometheus: false`). */
  otlp?: OtlpMetricsOptions;
}

/**
 * Options of {@link initObservability}. Each wins over its environment variable, which wins over
 * the default (see the configuration table in the README).
 */
export interface ObservabilityOptions {
  /** Turns everything off. Default `OTEL_SDK_DISABLED` or `false`. */
  disabled?: boolean;
  /** `service.name`. Default `OTEL_SERVICE_NAME`, then `OTEL_RESOURCE_ATTRIBUTES`, then `unknown_service:node`. */
  serviceName?: string;
  /** Extra resource attributes, merged over `OTEL_RESOURCE_ATTRIBUTES`. */
  resourceAttributes?: Record<string, string>;
  /** Level of signalkit's own diagnostics on stderr. Default `OTEL_LOG_LEVEL` or `warn`. */
  logLevel?: DiagnosticsLevel;
  metrics?: MetricsOptions;
  /** Distributed tracing over OTLP; off by default. */
  traces?: TracesOptions;
  /** Upper bound of `shutdown()` and `forceFlush()`, in milliseconds. Default 5000. */
  shutdownTimeoutMillis?: number;
  /**
   * On SIGTERM and SIGINT, run the bounded `shutdown()` and then end the process with the same signal (the
   * exit the process would have had without signalkit). When the app has its own listener for the signal,
   * only flush, and leave the exit to the app. Default `SIGNALKIT_SHUTDOWN_ON_SIGNALS` or `false`: no
   * listener is added.
   */
  shutdownOnSignals?: boolean;
  /** The environment to read; default `process.env`. Meant for tests. */
  env?: Readonly<Record<string, string | undefined>>;
}
