import {
  createEnvReader,
  type Env,
  getObservability,
  invalidOption,
  isHttpUrl,
  type SignalkitError,
} from '@signalkit/node/internal';
import {
  DIAGNOSTICS_LEVELS,
  ENV_VARS,
  type EnvScope,
  type EnvVarName,
  INVALID_VALUE_EFFECT,
  NPM_LEVELS,
  OTLP_PROTOCOLS,
} from './envTable.js';
import type {
  DiagnosticsLevel,
  LoggerOptions,
  NpmLevel,
  OtlpLogOptions,
  OtlpProtocol,
  RecordLimits,
  RecordOptions,
} from './options.js';

/** How records are built: resolved once, frozen, shared by the format and the transports. */
export interface ResolvedRecordConfig {
  readonly serviceName: string;
  /** The user's resource attributes, `service.name` excluded. */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /** Redaction needles: lower-case, without `-` and `_`. */
  readonly redactKeys: readonly string[];
  readonly limits: Readonly<Required<RecordLimits>>;
}

export interface ResolvedOtlp {
  readonly endpoint: string;
  readonly protocol: OtlpProtocol;
  /** Never printed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly compression: 'gzip' | 'none';
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  readonly scheduledDelayMillis: number;
  readonly exportTimeoutMillis: number;
}

/** The logger configuration after options > environment > defaults. */
export interface ResolvedLoggerConfig {
  readonly record: ResolvedRecordConfig;
  readonly level: NpmLevel;
  readonly logLevel: DiagnosticsLevel;
  readonly shutdownTimeoutMillis: number;
  /** `undefined` when OTLP log export is off. */
  readonly otlp: ResolvedOtlp | undefined;
}

/** An environment problem, reported as one line. */
export interface ConfigProblem {
  readonly variable: string;
  readonly value: string;
  readonly expected: string;
  readonly consequence: string;
}

export interface Resolution<T> {
  readonly config: T;
  readonly problems: readonly ConfigProblem[];
}

/** Typed readers of the table: blank is unset, an invalid value says what was expected. */
const { readEnv, specOf } = createEnvReader(ENV_VARS);

/** Keys redacted in metadata unless more are configured: matched anywhere in a key, ignoring case, `-` and `_`. */
export const DEFAULT_REDACT_KEYS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'secret',
  'token',
  'api_key',
  'apikey',
  'authorization',
  'cookie',
  'set-cookie',
]);

export const DEFAULT_LIMITS: Readonly<Required<RecordLimits>> = Object.freeze({
  maxDepth: 8,
  maxStringLength: 8192,
  maxArrayLength: 100,
  maxObjectKeys: 100,
  maxTotalLength: 65_536,
  maxCauseDepth: 5,
});

/** A redaction needle: what a key is compared on. */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function invalid(option: string, expected: string, value: unknown): SignalkitError {
  return invalidOption('createLogger', option, expected, value);
}

function checkInt(name: string, value: unknown, min: number, max: number): void {
  if (
    value !== undefined &&
    !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
  )
    throw invalid(name, `an integer from ${min} to ${max}`, value);
}

function checkStringRecord(name: string, value: unknown): void {
  if (value === undefined) return;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((v) => typeof v === 'string')
  )
    throw invalid(name, 'an object of strings', value);
}

function checkRecordOptions(options: RecordOptions): void {
  if (
    options.serviceName !== undefined &&
    (typeof options.serviceName !== 'string' || options.serviceName === '')
  )
    throw invalid('serviceName', 'a non-empty string', options.serviceName);
  checkStringRecord('resourceAttributes', options.resourceAttributes);
  if (
    options.redactKeys !== undefined &&
    (!Array.isArray(options.redactKeys) ||
      !options.redactKeys.every((k) => typeof k === 'string' && k !== ''))
  )
    throw invalid('redactKeys', 'an array of non-empty strings', options.redactKeys);
  if (options.logLevel !== undefined && !DIAGNOSTICS_LEVELS.includes(options.logLevel))
    throw invalid('logLevel', `one of ${DIAGNOSTICS_LEVELS.join(', ')}`, options.logLevel);
  const limits = options.limits;
  if (limits !== undefined) {
    if (typeof limits !== 'object' || limits === null) throw invalid('limits', 'an object', limits);
    checkInt('limits.maxDepth', limits.maxDepth, 1, 100);
    checkInt('limits.maxStringLength', limits.maxStringLength, 16, 10_000_000);
    checkInt('limits.maxArrayLength', limits.maxArrayLength, 1, 1_000_000);
    checkInt('limits.maxObjectKeys', limits.maxObjectKeys, 1, 1_000_000);
    checkInt('limits.maxTotalLength', limits.maxTotalLength, 256, 100_000_000);
    checkInt('limits.maxCauseDepth', limits.maxCauseDepth, 0, 100);
  }
}

function checkOtlpOptions(otlp: OtlpLogOptions, prefix: string): void {
  if (otlp.enabled !== undefined && typeof otlp.enabled !== 'boolean')
    throw invalid(`${prefix}enabled`, 'a boolean', otlp.enabled);
  if (otlp.endpoint !== undefined && (typeof otlp.endpoint !== 'string' || !isHttpUrl(otlp.endpoint)))
    throw invalid(`${prefix}endpoint`, 'an absolute http:// or https:// URL', otlp.endpoint);
  if (otlp.protocol !== undefined && !OTLP_PROTOCOLS.includes(otlp.protocol))
    throw invalid(`${prefix}protocol`, `one of ${OTLP_PROTOCOLS.join(', ')}`, otlp.protocol);
  checkStringRecord(`${prefix}headers`, otlp.headers);
  if (otlp.compression !== undefined && otlp.compression !== 'gzip' && otlp.compression !== 'none')
    throw invalid(`${prefix}compression`, '"gzip" or "none"', otlp.compression);
  checkInt(`${prefix}timeoutMillis`, otlp.timeoutMillis, 1, 600_000);
  checkInt(`${prefix}maxQueueSize`, otlp.maxQueueSize, 1, 1_000_000);
  checkInt(`${prefix}maxExportBatchSize`, otlp.maxExportBatchSize, 1, 1_000_000);
  checkInt(`${prefix}scheduledDelayMillis`, otlp.scheduledDelayMillis, 1, 600_000);
  checkInt(`${prefix}exportTimeoutMillis`, otlp.exportTimeoutMillis, 1, 600_000);
}

/** Reads variables of the table, collecting one problem per invalid value. */
class EnvReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly env: Env) {}

  get<T>(name: EnvVarName): T | undefined {
    const reading = readEnv<T>(this.env, name);
    if (reading.status === 'ok') return reading.value;
    if (reading.status === 'invalid') {
      const spec = specOf(name);
      this.problems.push({
        variable: name,
        value: spec.sensitive === true ? '(hidden: may hold credentials)' : reading.raw,
        expected: reading.expected,
        consequence: INVALID_VALUE_EFFECT[spec.scope],
      });
    }
    return undefined;
  }

  /** Whether a variable of this scope was invalid (that part is then off). */
  hasProblemIn(scope: EnvScope): boolean {
    return this.problems.some((p) => p.consequence === INVALID_VALUE_EFFECT[scope]);
  }
}

/** Where `service.name` and the resource attributes come from when the options do not say. */
interface Identity {
  readonly serviceName: string | undefined;
  readonly resourceAttributes: Readonly<Record<string, string>> | undefined;
}

/**
 * The running @signalkit/node's resolved identity (its preload or `initObservability()` ran before this
 * call), so logs name the service as the metrics and spans do; else the environment. The SDK has read
 * and reported the environment already, so it is not read (nor reported) again here.
 */
function identity(reader: EnvReader): Identity {
  const sdk = getObservability()?.config;
  if (sdk !== undefined) return { serviceName: sdk.serviceName, resourceAttributes: sdk.resourceAttributes };
  const resourceAttributes = reader.get<Record<string, string>>('OTEL_RESOURCE_ATTRIBUTES');
  return { serviceName: reader.get<string>('OTEL_SERVICE_NAME'), resourceAttributes };
}

function recordConfig(options: RecordOptions, reader: EnvReader): ResolvedRecordConfig {
  const base = identity(reader);
  const resourceAttributes: Record<string, string> = {
    ...base.resourceAttributes,
    ...options.resourceAttributes,
  };
  const serviceName =
    options.serviceName ?? base.serviceName ?? resourceAttributes['service.name'] ?? 'unknown_service:node';
  delete resourceAttributes['service.name'];
  const extra = [...(reader.get<string[]>('SIGNALKIT_LOG_REDACT_KEYS') ?? []), ...(options.redactKeys ?? [])];
  const redactKeys = [...new Set([...DEFAULT_REDACT_KEYS, ...extra].map(normalizeKey))].filter(
    (k) => k !== '',
  );
  return Object.freeze({
    serviceName,
    resourceAttributes: Object.freeze(resourceAttributes),
    redactKeys: Object.freeze(redactKeys),
    limits: Object.freeze({ ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) }),
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function otlpEndpoint(reader: EnvReader, option: string | undefined): string {
  if (option !== undefined) return option;
  const logs = reader.get<string>('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT');
  if (logs !== undefined) return logs;
  const base = reader.get<string>('OTEL_EXPORTER_OTLP_ENDPOINT') ?? 'http://localhost:4318';
  return `${base.endsWith('/') ? base : `${base}/`}v1/logs`;
}

function otlpConfig(otlp: OtlpLogOptions, reader: EnvReader): ResolvedOtlp | undefined {
  const protocol =
    otlp.protocol ??
    reader.get<OtlpProtocol>('OTEL_EXPORTER_OTLP_LOGS_PROTOCOL') ??
    reader.get<OtlpProtocol>('OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf';
  const endpoint = otlpEndpoint(reader, otlp.endpoint);
  const headers = {
    ...reader.get<Record<string, string>>('OTEL_EXPORTER_OTLP_HEADERS'),
    ...reader.get<Record<string, string>>('OTEL_EXPORTER_OTLP_LOGS_HEADERS'),
    ...otlp.headers,
  };
  const timeoutMillis =
    otlp.timeoutMillis ??
    reader.get<number>('OTEL_EXPORTER_OTLP_LOGS_TIMEOUT') ??
    reader.get<number>('OTEL_EXPORTER_OTLP_TIMEOUT') ??
    10_000;
  const compression =
    otlp.compression ??
    reader.get<'gzip' | 'none'>('OTEL_EXPORTER_OTLP_LOGS_COMPRESSION') ??
    reader.get<'gzip' | 'none'>('OTEL_EXPORTER_OTLP_COMPRESSION') ??
    'none';
  const maxQueueSize = otlp.maxQueueSize ?? reader.get<number>('OTEL_BLRP_MAX_QUEUE_SIZE') ?? 2048;
  const maxExportBatchSize = Math.min(
    otlp.maxExportBatchSize ?? reader.get<number>('OTEL_BLRP_MAX_EXPORT_BATCH_SIZE') ?? 512,
    maxQueueSize,
  );
  const scheduledDelayMillis =
    otlp.scheduledDelayMillis ?? reader.get<number>('OTEL_BLRP_SCHEDULE_DELAY') ?? 1000;
  const exportTimeoutMillis =
    otlp.exportTimeoutMillis ?? reader.get<number>('OTEL_BLRP_EXPORT_TIMEOUT') ?? 30_000;
  if (reader.hasProblemIn('otlp')) return undefined;
  return Object.freeze({
    endpoint,
    protocol,
    headers: Object.freeze(headers),
    timeoutMillis,
    compression,
    maxQueueSize,
    maxExportBatchSize,
    scheduledDelayMillis,
    exportTimeoutMillis,
  });
}

/**
 * Whether OTLP export is wanted: code first (`otlp: true/false`, or settings, which turn it on unless
 * `enabled: false`), then `OTEL_LOGS_EXPORTER`.
 * `OTEL_SDK_DISABLED=true` turns it off whatever the code says, as it turns off all of signalkit.
 */
function otlpWanted(option: boolean | undefined, reader: EnvReader): boolean {
  if (reader.get<boolean>('OTEL_SDK_DISABLED') === true) return false;
  if (option !== undefined) return option;
  // Only read when the code leaves it to the environment, so `otlp: false` silences a bad value.
  const exporters = reader.get<string[]>('OTEL_LOGS_EXPORTER') ?? ['none'];
  return exporters.includes('otlp') && !exporters.includes('none');
}

/** The shared part of {@link resolveLoggerConfig}: what records carry. */
export function resolveRecordConfig(options: RecordOptions = {}): Resolution<ResolvedRecordConfig> {
  checkRecordOptions(options);
  const reader = new EnvReader(options.env ?? process.env);
  return { config: recordConfig(options, reader), problems: reader.problems };
}

/** The diagnostics level alone (options > `OTEL_LOG_LEVEL` > `warn`); problems are reported by the resolvers. */
export function resolveDiagnosticsLevel(options: RecordOptions = {}): DiagnosticsLevel {
  return options.logLevel ?? readEnvQuietly<DiagnosticsLevel>(options, 'OTEL_LOG_LEVEL') ?? 'warn';
}

function readEnvQuietly<T>(options: RecordOptions, name: EnvVarName): T | undefined {
  const reading = readEnv<T>(options.env ?? process.env, name);
  return reading.status === 'ok' ? reading.value : undefined;
}

/**
 * Resolves the configuration: code options > environment > defaults. Throws {@link SignalkitError} only for
 * options of the wrong type; environment problems are returned, never thrown (the part they belong to falls
 * back to its default or, for OTLP, is turned off).
 *
 * `otlpMode` says where the on/off decision comes from: `'options'` for {@link createLogger} (its `otlp`
 * option, then `OTEL_LOGS_EXPORTER`), `'on'` for a transport created on purpose.
 */
export function resolveLoggerConfig(
  options: LoggerOptions & { otlpOptions?: OtlpLogOptions } = {},
  otlpMode: 'options' | 'on' = 'options',
): Resolution<ResolvedLoggerConfig> {
  checkRecordOptions(options);
  if (options.level !== undefined && !NPM_LEVELS.includes(options.level))
    throw invalid('level', `one of ${NPM_LEVELS.join(', ')}`, options.level);
  checkInt('shutdownTimeoutMillis', options.shutdownTimeoutMillis, 0, 600_000);
  const otlpOption = options.otlpOptions ?? options.otlp;
  if (otlpOption !== undefined && typeof otlpOption !== 'boolean') {
    if (typeof otlpOption !== 'object' || otlpOption === null)
      throw invalid('otlp', 'a boolean or an object', otlpOption);
    checkOtlpOptions(otlpOption, options.otlpOptions === undefined ? 'otlp.' : '');
  }
  const otlpOptions: OtlpLogOptions = typeof otlpOption === 'object' ? otlpOption : {};

  const reader = new EnvReader(options.env ?? process.env);
  const record = recordConfig(options, reader);
  const level = options.level ?? reader.get<NpmLevel>('SIGNALKIT_LOG_LEVEL') ?? 'info';
  const logLevel = options.logLevel ?? reader.get<DiagnosticsLevel>('OTEL_LOG_LEVEL') ?? 'warn';
  const shutdownTimeoutMillis =
    options.shutdownTimeoutMillis ?? reader.get<number>('SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS') ?? 5000;
  const explicit =
    otlpMode === 'on'
      ? (otlpOptions.enabled ?? true)
      : typeof otlpOption === 'boolean'
        ? otlpOption
        : otlpOption === undefined
          ? undefined
          : (otlpOptions.enabled ?? true);
  const otlp = otlpWanted(explicit, reader) ? otlpConfig(otlpOptions, reader) : undefined;
  const config: ResolvedLoggerConfig = Object.freeze({
    record,
    level,
    logLevel,
    shutdownTimeoutMillis,
    otlp,
  });
  return { config, problems: reader.problems };
}

/** The one line an environment problem is reported with. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.variable}=${JSON.stringify(problem.value)} is invalid: expected ${problem.expected}; ${problem.consequence}`;
}
