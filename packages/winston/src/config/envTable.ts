import type { EnvVarSpec } from '@signalkit/node/internal';

/**
 * The one declarative table of the environment variables @signalkit/winston reads (name, type, default,
 * description). It drives validation (@signalkit/node's `createEnvReader`, in resolveConfig.ts) and, with @signalkit/node's table, the README
 * configuration table (scripts/gen-config-docs.mjs).
 * Names and meanings follow the OpenTelemetry specification; signalkit's own start with `SIGNALKIT_`.
 */

/** Which part of the logger a variable belongs to: an invalid value turns that part off or falls back. */
export type EnvScope = 'logger' | 'otlp';

/** What an invalid value of a variable of each scope does, as the error line and the README say it. */
export const INVALID_VALUE_EFFECT: Readonly<Record<EnvScope, string>> = {
  logger: 'using the default',
  otlp: 'OTLP log export is off',
};

/** winston's npm levels, most severe first. */
export const NPM_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
/** Levels of signalkit's own diagnostics, as in `OTEL_LOG_LEVEL`. */
export const DIAGNOSTICS_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
const TIMEOUT = { kind: 'integer', min: 1, max: 600_000 } as const;
const QUEUE = { kind: 'integer', min: 1, max: 1_000_000 } as const;

export const ENV_VARS = [
  {
    name: 'OTEL_SDK_DISABLED',
    type: { kind: 'boolean' },
    default: 'false',
    scope: 'logger',
    description: 'Turns OTLP log export off; the JSON lines on stdout stay.',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    type: { kind: 'string' },
    default: 'unknown_service:node',
    scope: 'logger',
    description:
      '`service.name` on every line and on exported records; wins over `OTEL_RESOURCE_ATTRIBUTES`.',
  },
  {
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'logger',
    description: 'Resource attributes (`key1=value1,key2=value2`, percent-decoded), on every line.',
  },
  {
    name: 'OTEL_LOG_LEVEL',
    type: { kind: 'enum', values: DIAGNOSTICS_LEVELS },
    default: 'warn',
    scope: 'logger',
    description: "Level of signalkit's own diagnostics on stderr (rate-limited).",
  },
  {
    name: 'SIGNALKIT_LOG_LEVEL',
    type: { kind: 'enum', values: NPM_LEVELS },
    default: 'info',
    scope: 'logger',
    description: 'Level of the logger `createLogger()` returns (winston npm levels).',
  },
  {
    name: 'SIGNALKIT_LOG_REDACT_KEYS',
    type: { kind: 'names' },
    default: undefined,
    scope: 'logger',
    description:
      'More metadata keys to redact (comma-separated), besides password, secret, token, api key, authorization, cookie.',
  },
  {
    name: 'SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS',
    type: { kind: 'integer', min: 0, max: 600_000 },
    default: '5000',
    scope: 'logger',
    description: 'Upper bound of the final flush of exported logs (`shutdownLogger()`, `logger.close()`).',
  },
  {
    name: 'OTEL_LOGS_EXPORTER',
    type: { kind: 'list', values: ['otlp', 'console', 'none'] },
    default: 'none',
    scope: 'otlp',
    description:
      '`otlp` also sends every record over OTLP/HTTP; the JSON lines on stdout (`console`) are always written.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    sensitive: true,
    type: { kind: 'url' },
    default: 'http://localhost:4318',
    scope: 'otlp',
    description: 'Base URL of the OTLP/HTTP receiver for every signal; `/v1/logs` is appended.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
    sensitive: true,
    type: { kind: 'url' },
    default: undefined,
    scope: 'otlp',
    description: 'Full URL for log records, used as is; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    type: { kind: 'enum', values: OTLP_PROTOCOLS },
    default: 'http/protobuf',
    scope: 'otlp',
    description: 'OTLP encoding for every signal: `http/protobuf` or `http/json` (gRPC is not bundled).',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_LOGS_PROTOCOL',
    type: { kind: 'enum', values: OTLP_PROTOCOLS },
    default: undefined,
    scope: 'otlp',
    description: 'OTLP encoding for log records; wins over `OTEL_EXPORTER_OTLP_PROTOCOL`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    sensitive: true,
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'otlp',
    description:
      'Headers of every OTLP request (`key=value,...`, percent-decoded); values are never printed.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_LOGS_HEADERS',
    sensitive: true,
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'otlp',
    description: 'Headers of log exports, merged over `OTEL_EXPORTER_OTLP_HEADERS`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    type: TIMEOUT,
    default: '10000',
    scope: 'otlp',
    description: 'Timeout of one OTLP export, retries included, in milliseconds.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_LOGS_TIMEOUT',
    type: TIMEOUT,
    default: undefined,
    scope: 'otlp',
    description: 'Timeout of one log export, in milliseconds; wins over `OTEL_EXPORTER_OTLP_TIMEOUT`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_COMPRESSION',
    type: { kind: 'enum', values: ['gzip', 'none'] },
    default: 'none',
    scope: 'otlp',
    description: 'Compression of OTLP request bodies.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_LOGS_COMPRESSION',
    type: { kind: 'enum', values: ['gzip', 'none'] },
    default: undefined,
    scope: 'otlp',
    description: 'Compression of log export bodies; wins over `OTEL_EXPORTER_OTLP_COMPRESSION`.',
  },
  {
    name: 'OTEL_BLRP_SCHEDULE_DELAY',
    type: { kind: 'integer', min: 1, max: 600_000 },
    default: '1000',
    scope: 'otlp',
    description: 'Delay between two log exports, in milliseconds.',
  },
  {
    name: 'OTEL_BLRP_EXPORT_TIMEOUT',
    type: TIMEOUT,
    default: '30000',
    scope: 'otlp',
    description: 'Upper bound of one batch export, in milliseconds.',
  },
  {
    name: 'OTEL_BLRP_MAX_QUEUE_SIZE',
    type: QUEUE,
    default: '2048',
    scope: 'otlp',
    description: 'Log records held while waiting for export; more are dropped and counted.',
  },
  {
    name: 'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE',
    type: QUEUE,
    default: '512',
    scope: 'otlp',
    description: 'Log records per export request (at most the queue size).',
  },
] as const satisfies readonly EnvVarSpec<EnvScope>[];

export type EnvVarName = (typeof ENV_VARS)[number]['name'];
