import type TransportStream from 'winston-transport';
import type { DIAGNOSTICS_LEVELS, NPM_LEVELS, OTLP_PROTOCOLS } from './envTable.js';

/** Levels of signalkit's own diagnostics on stderr, as in `OTEL_LOG_LEVEL`. */
export type DiagnosticsLevel = (typeof DIAGNOSTICS_LEVELS)[number];
/** winston's npm levels. */
export type NpmLevel = (typeof NPM_LEVELS)[number];
/** OTLP/HTTP encodings. */
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** Bounds applied to every record, so a huge or hostile metadata object cannot blow up a line. */
export interface RecordLimits {
  /** Nesting levels kept in metadata; deeper values become `"[Truncated]"`. Default 8. */
  maxDepth?: number;
  /** Characters kept per string (message included); the rest is cut with a `…[+N chars]` marker. Default 8192. */
  maxStringLength?: number;
  /** Items kept per array. Default 100. */
  maxArrayLength?: number;
  /** Keys kept per object. Default 100. */
  maxObjectKeys?: number;
  /** Characters of keys and strings kept in one record's metadata; later values become `"[Truncated]"`. Default 65536. */
  maxTotalLength?: number;
  /** Levels of `error.cause` followed. Default 5. */
  maxCauseDepth?: number;
}

/** What every record carries and how it is cleaned: shared by the format, the logger and the transports. */
export interface RecordOptions {
  /**
   * `service.name`. Default: the running @signalkit/node's (its preload or `initObservability()` ran before
   * this logger, format or transport was created), else `OTEL_SERVICE_NAME`, then `service.name` in
   * `OTEL_RESOURCE_ATTRIBUTES`, then `unknown_service:node`.
   */
  serviceName?: string;
  /**
   * Resource attributes written on every line, merged over the running @signalkit/node's resource
   * attributes, else over `OTEL_RESOURCE_ATTRIBUTES`.
   */
  resourceAttributes?: Record<string, string>;
  /**
   * More metadata keys to redact, added to the built-in ones (password, passwd, secret, token, api_key,
   * apikey, authorization, cookie, set-cookie) and to `SIGNALKIT_LOG_REDACT_KEYS`. Matched case-insensitively,
   * ignoring `-` and `_`, anywhere in a key (`dbPassword` matches `password`).
   */
  redactKeys?: string[];
  /** Size bounds of a record. */
  limits?: RecordLimits;
  /** Level of signalkit's own diagnostics on stderr. Default `OTEL_LOG_LEVEL` or `warn`. */
  logLevel?: DiagnosticsLevel;
  /** The environment to read; default `process.env`. Meant for tests. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** OTLP/HTTP log export. Each option wins over its environment variable. */
export interface OtlpLogOptions {
  /** On or off. Default: on when settings are given in code, else when `OTEL_LOGS_EXPORTER` includes `otlp`. */
  enabled?: boolean;
  /** Full URL of the receiver. Default `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/logs`, else `http://localhost:4318/v1/logs`. */
  endpoint?: string;
  /** Encoding. Default `OTEL_EXPORTER_OTLP_LOGS_PROTOCOL`, `OTEL_EXPORTER_OTLP_PROTOCOL` or `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Request headers, over those of `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_EXPORTER_OTLP_LOGS_HEADERS`. Never printed. */
  headers?: Record<string, string>;
  /** Timeout of one export, retries included, in milliseconds. Default 10000. */
  timeoutMillis?: number;
  /** Request body compression. Default `none`. */
  compression?: 'gzip' | 'none';
  /** Records held while waiting for export; more are dropped and counted. Default 2048. */
  maxQueueSize?: number;
  /** Records per export request. Default 512. */
  maxExportBatchSize?: number;
  /** Delay between two exports, in milliseconds. Default 1000. */
  scheduledDelayMillis?: number;
  /** Upper bound of one batch export, in milliseconds. Default 30000. */
  exportTimeoutMillis?: number;
}

/** Options of {@link createLogger}. Each wins over its environment variable, which wins over the default. */
export interface LoggerOptions extends RecordOptions {
  /** winston level (npm levels). Default `SIGNALKIT_LOG_LEVEL` or `info`. */
  level?: NpmLevel;
  /** OTLP log export: `true`/`false`, or its settings (on unless `enabled: false`). Default: on when `OTEL_LOGS_EXPORTER=otlp`. */
  otlp?: boolean | OtlpLogOptions;
  /** The JSON lines on stdout. Default `true`. */
  stdout?: boolean;
  /** More winston transports; they receive the same records (the JSON line is `info[Symbol.for('message')]`). */
  transports?: TransportStream[];
  /** Metadata added to every record (winston `defaultMeta`). */
  defaultMeta?: Record<string, unknown>;
  /** Upper bound of the final flush of exported records, in milliseconds. Default `SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS` or 5000. */
  shutdownTimeoutMillis?: number;
}

/** Options of the OTLP transport used on its own: export is on unless `enabled: false`. */
export interface OtlpTransportOptions extends RecordOptions, OtlpLogOptions {
  /** winston level of this transport; default the logger's. */
  level?: string;
  /** Upper bound of the final flush, in milliseconds. Default `SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS` or 5000. */
  shutdownTimeoutMillis?: number;
}
