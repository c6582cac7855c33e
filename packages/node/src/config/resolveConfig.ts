import { type EnvScope, INVALID_VALUE_EFFECT } from './envScope.js';
import type { EnvVarName } from './envTable.js';
import { invalidOption } from './invalidOption.js';
import {
  createMetricsAuth,
  isMetricsAuthOptions,
  type MetricsAuth,
  type MetricsAuthOptions,
} from './metricsAuth.js';
import type { DiagnosticsLevel, ObservabilityOptions } from './options.js';
import { type Env, type EnvReading, isHost, isUrlPath, readEnv, specOf } from './readEnv.js';
import { type ResolvedOtlpExporter, resolveOtlpExporter } from './resolveOtlpExporter.js';
import {
  checkOtlpOverrides,
  checkTracesOptions,
  type ResolvedTraces,
  resolveTraces,
} from './resolveTraces.js';
import { SignalkitError } from './SignalkitError.js';

export interface ResolvedPrometheus {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** The credentials a scrape must present, when required (a check; the secret itself is not kept here). */
  readonly auth: MetricsAuth | undefined;
}

export interface ResolvedOtlpMetrics {
  readonly exporter: ResolvedOtlpExporter;
  readonly intervalMillis: number;
  readonly timeoutMillis: number;
  readonly temporality: 'cumulative' | 'delta' | 'lowmemory';
}

/** The configuration after options > environment > defaults, frozen and passed down. */
export interface ResolvedConfig {
  readonly disabled: boolean;
  readonly serviceName: string;
  readonly resourceAttributes: Readonly<Record<string, string>>;
  readonly logLevel: DiagnosticsLevel;
  readonly shutdownTimeoutMillis: number;
  /** Whether SIGTERM/SIGINT run the bounded shutdown (see `shutdownOnSignals`). */
  readonly shutdownOnSignals: boolean;
  readonly metrics: {
    readonly enabled: boolean;
    readonly prometheus: ResolvedPrometheus | undefined;
    readonly cardinalityLimit: number;
    readonly runtime: boolean;
    readonly httpClient: boolean;
    /** The OTLP push, when on. */
    readonly otlp: ResolvedOtlpMetrics | undefined;
  };
  readonly traces: ResolvedTraces;
}

/** A configuration problem, reported as one line at init. */
export interface ConfigProblem {
  readonly variable: string;
  readonly value: string;
  readonly expected: string;
  readonly consequence: string;
}

export interface ConfigResolution {
  readonly config: ResolvedConfig;
  readonly problems: readonly ConfigProblem[];
}

const CALLER = 'initObservability';

function invalid(option: string, expected: string, value: unknown): SignalkitError {
  return invalidOption(CALLER, option, expected, value);
}

const LOG_LEVELS = (specOf('OTEL_LOG_LEVEL').type as { values: readonly string[] }).values;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOptions(options: ObservabilityOptions): void {
  // Typed callers cannot get this wrong; JavaScript callers can.
  const given: unknown = options;
  if (!isObject(given))
    throw new SignalkitError(
      'SIGNALKIT_INVALID_OPTION',
      `initObservability: options must be an object, got ${JSON.stringify(given) ?? String(given)}`,
    );
  const bool = (name: string, value: unknown) => {
    if (value !== undefined && typeof value !== 'boolean') throw invalid(name, 'a boolean', value);
  };
  const int = (name: string, value: unknown, min: number, max: number) => {
    if (
      value !== undefined &&
      !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
    )
      throw invalid(name, `an integer from ${min} to ${max}`, value);
  };
  const object = (name: string, value: unknown) => {
    if (value !== undefined && !isObject(value)) throw invalid(name, 'an object', value);
  };
  bool('disabled', options.disabled);
  if (
    options.serviceName !== undefined &&
    (typeof options.serviceName !== 'string' || options.serviceName === '')
  )
    throw invalid('serviceName', 'a non-empty string', options.serviceName);
  const attributes: unknown = options.resourceAttributes;
  if (
    attributes !== undefined &&
    !(isObject(attributes) && Object.values(attributes).every((v) => typeof v === 'string'))
  )
    throw invalid('resourceAttributes', 'an object of string values', attributes);
  if (options.logLevel !== undefined && !LOG_LEVELS.includes(options.logLevel))
    throw invalid('logLevel', `one of ${LOG_LEVELS.join(', ')}`, options.logLevel);
  int('shutdownTimeoutMillis', options.shutdownTimeoutMillis, 0, 600_000);
  bool('shutdownOnSignals', options.shutdownOnSignals);
  object('env', options.env);
  object('traces', options.traces);
  const metrics = options.metrics;
  object('metrics', metrics);
  if (metrics === undefined) return;
  bool('metrics.enabled', metrics.enabled);
  bool('metrics.runtime', metrics.runtime);
  bool('metrics.httpClient', metrics.httpClient);
  int('metrics.cardinalityLimit', metrics.cardinalityLimit, 1, 1_000_000);
  const otlp = metrics.otlp;
  object('metrics.otlp', otlp);
  if (otlp !== undefined) {
    bool('metrics.otlp.enabled', otlp.enabled);
    int('metrics.otlp.intervalMillis', otlp.intervalMillis, 100, 3_600_000);
    checkOtlpOverrides('metrics.otlp', otlp);
    if (otlp.temporality !== undefined && !['cumulative', 'delta', 'lowmemory'].includes(otlp.temporality))
      throw invalid('metrics.otlp.temporality', '"cumulative", "delta" or "lowmemory"', otlp.temporality);
  }
  const prom = metrics.prometheus;
  if (prom === undefined || prom === false) return;
  if (!isObject(prom)) throw invalid('metrics.prometheus', 'an object or false', prom);
  int('metrics.prometheus.port', prom.port, 0, 65535);
  if (prom.host !== undefined && !(typeof prom.host === 'string' && isHost(prom.host)))
    throw invalid('metrics.prometheus.host', 'a host name or IP address', prom.host);
  if (prom.path !== undefined && !(typeof prom.path === 'string' && isUrlPath(prom.path)))
    throw invalid('metrics.prometheus.path', 'a URL path starting with "/"', prom.path);
  if (prom.auth !== undefined && !isMetricsAuthOptions(prom.auth))
    throw new SignalkitError(
      'SIGNALKIT_INVALID_OPTION',
      "initObservability: option metrics.prometheus.auth must be { type: 'bearer', token } or { type: 'basic', username, password } with printable values and no spaces (value hidden)",
    );
}

/**
 * Resolves the configuration: code options > environment > defaults. Throws {@link SignalkitError}
 * only for options of the wrong type; environment problems are returned, never thrown.
 */
export function resolveConfig(options: ObservabilityOptions = {}): ConfigResolution {
  checkOptions(options);
  checkTracesOptions(options.traces);
  const env: Env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];
  const disabledScopes = new Set<EnvScope>();

  function forcedOn(scope: EnvScope): boolean {
    if (scope === 'metrics') return options.metrics?.enabled === true;
    if (scope === 'otlpMetrics') return options.metrics?.otlp?.enabled === true;
    if (scope === 'traces' || scope === 'otlp') return options.traces?.enabled === true;
    return false;
  }

  /** Reads a variable of the table; an invalid value is a problem that turns its scope off. */
  function fromEnv<T>(name: EnvVarName): T | undefined {
    const reading: EnvReading<T> = readEnv<T>(env, name);
    if (reading.status === 'ok') return reading.value;
    // Shared variables (OTEL_EXPORTER_OTLP_*) are read once per signal: report each once.
    if (reading.status === 'invalid' && !problems.some((problem) => problem.variable === name)) {
      const spec = specOf(name);
      problems.push({
        variable: name,
        value: spec.sensitive === true ? '(hidden: may hold credentials)' : reading.raw,
        expected: reading.expected,
        // A part that an option turns on stays on: the variable then falls back to its default.
        consequence: INVALID_VALUE_EFFECT[forcedOn(spec.scope) ? 'sdk' : spec.scope],
      });
      if (spec.scope !== 'sdk') disabledScopes.add(spec.scope);
    }
    return undefined;
  }

  const resourceAttributes: Record<string, string> = {
    ...fromEnv<Record<string, string>>('OTEL_RESOURCE_ATTRIBUTES'),
    ...options.resourceAttributes,
  };
  const serviceName =
    options.serviceName ??
    fromEnv<string>('OTEL_SERVICE_NAME') ??
    resourceAttributes['service.name'] ??
    'unknown_service:node';
  resourceAttributes['service.name'] = serviceName;

  // A variable is read only when no option replaces it: an option makes it irrelevant, even invalid.
  const metricsOptions = options.metrics ?? {};
  const promOptions = metricsOptions.prometheus;
  const exporters =
    metricsOptions.enabled === undefined
      ? (fromEnv<string[]>('OTEL_METRICS_EXPORTER') ?? ['prometheus'])
      : [];
  const prometheus: ResolvedPrometheus | undefined =
    promOptions === false
      ? undefined
      : Object.freeze({
          host: promOptions?.host ?? fromEnv<string>('OTEL_EXPORTER_PROMETHEUS_HOST') ?? '127.0.0.1',
          port: promOptions?.port ?? fromEnv<number>('OTEL_EXPORTER_PROMETHEUS_PORT') ?? 9464,
          path: promOptions?.path ?? fromEnv<string>('SIGNALKIT_METRICS_PATH') ?? '/metrics',
          auth: resolveAuth(promOptions?.auth ?? fromEnv<MetricsAuthOptions>('SIGNALKIT_METRICS_AUTH')),
        });
  const cardinalityLimit =
    metricsOptions.cardinalityLimit ?? fromEnv<number>('SIGNALKIT_CARDINALITY_LIMIT') ?? 2000;
  const runtime = metricsOptions.runtime ?? fromEnv<boolean>('SIGNALKIT_RUNTIME_METRICS') ?? true;
  const httpClient = metricsOptions.httpClient ?? fromEnv<boolean>('SIGNALKIT_HTTP_CLIENT_METRICS') ?? true;
  const otlpOptions = metricsOptions.otlp;
  const wantsOtlp = otlpOptions?.enabled ?? (exporters.includes('otlp') && !exporters.includes('none'));
  const otlp: ResolvedOtlpMetrics | undefined = !wantsOtlp
    ? undefined
    : Object.freeze({
        exporter: resolveOtlpExporter('METRICS', fromEnv, {
          endpoint: otlpOptions?.endpoint,
          protocol: otlpOptions?.protocol,
          headers: otlpOptions?.headers,
        }),
        intervalMillis:
          otlpOptions?.intervalMillis ?? fromEnv<number>('OTEL_METRIC_EXPORT_INTERVAL') ?? 60_000,
        timeoutMillis: fromEnv<number>('OTEL_METRIC_EXPORT_TIMEOUT') ?? 30_000,
        temporality:
          otlpOptions?.temporality ??
          fromEnv<'cumulative' | 'delta' | 'lowmemory'>(
            'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
          ) ??
          'cumulative',
      });
  // Decided once its variables have been read: an invalid one turns the push off; so does an invalid
  // shared OTLP variable, which turns every OTLP exporter off.
  const otlpUsable =
    otlp !== undefined &&
    (otlpOptions?.enabled === true || (!disabledScopes.has('otlp') && !disabledScopes.has('otlpMetrics')));
  const envWantsPrometheus = exporters.includes('prometheus') && !exporters.includes('none');
  const metricsEnabled =
    metricsOptions.enabled ?? ((envWantsPrometheus || otlpUsable) && !disabledScopes.has('metrics'));
  // Only what was asked for runs: `OTEL_METRICS_EXPORTER=otlp` alone serves no endpoint.
  const prometheusWanted =
    metricsOptions.enabled !== undefined || promOptions !== undefined || envWantsPrometheus;

  const config: ResolvedConfig = Object.freeze({
    disabled: options.disabled ?? fromEnv<boolean>('OTEL_SDK_DISABLED') ?? false,
    serviceName,
    resourceAttributes: Object.freeze(resourceAttributes),
    logLevel: options.logLevel ?? fromEnv<DiagnosticsLevel>('OTEL_LOG_LEVEL') ?? 'warn',
    shutdownTimeoutMillis:
      options.shutdownTimeoutMillis ?? fromEnv<number>('SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS') ?? 5000,
    shutdownOnSignals:
      options.shutdownOnSignals ?? fromEnv<boolean>('SIGNALKIT_SHUTDOWN_ON_SIGNALS') ?? false,
    metrics: Object.freeze({
      enabled: metricsEnabled,
      prometheus: prometheusWanted ? prometheus : undefined,
      cardinalityLimit,
      runtime,
      httpClient,
      otlp: otlpUsable ? otlp : undefined,
    }),
    traces: resolveTraces(options.traces, fromEnv, (scope) => disabledScopes.has(scope)),
  });
  return { config, problems };
}

function resolveAuth(options: MetricsAuthOptions | undefined): MetricsAuth | undefined {
  return options === undefined ? undefined : createMetricsAuth(options);
}

/** The one line an environment problem is reported with. */
export function formatProblem(problem: ConfigProblem): string {
  return `${problem.variable}=${JSON.stringify(problem.value)} is invalid: expected ${problem.expected}; ${problem.consequence}`;
}
