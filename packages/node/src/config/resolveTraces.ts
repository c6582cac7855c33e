import type { EnvVarName } from './envTable.js';
import { SignalkitError } from './SignalkitError.js';
import type { OtlpProtocol, SamplerName, TracesOptions } from './tracesOptions.js';

export interface ResolvedOtlpExporter {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly compression: 'gzip' | 'none';
}

export interface ResolvedTraces {
  readonly enabled: boolean;
  readonly exporter: ResolvedOtlpExporter;
  readonly sampler: SamplerName;
  readonly sampleRatio: number;
  readonly propagators: readonly ('tracecontext' | 'baggage')[];
  readonly batch: {
    readonly scheduledDelayMillis: number;
    readonly exportTimeoutMillis: number;
    readonly maxQueueSize: number;
    readonly maxExportBatchSize: number;
  };
  /** Names to load instead of the curated set; undefined means the curated set. */
  readonly enabledInstrumentations: readonly string[] | undefined;
  readonly disabledInstrumentations: readonly string[];
}

/** Reads one variable; problems are recorded by the caller's reader. */
export type EnvLookup = <T>(name: EnvVarName) => T | undefined;

const SAMPLERS: readonly SamplerName[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];

function invalid(name: string, expected: string, value: unknown): SignalkitError {
  return new SignalkitError(
    'SIGNALKIT_INVALID_OPTION',
    `initObservability: option traces.${name} must be ${expected}, got ${typeof value === 'string' && name === 'headers' ? '(hidden)' : JSON.stringify(value)}`,
  );
}

/** Programmer errors in `options.traces` fail fast, at init. */
export function checkTracesOptions(options: TracesOptions | undefined): void {
  if (options === undefined) return;
  if (options.enabled !== undefined && typeof options.enabled !== 'boolean')
    throw invalid('enabled', 'a boolean', options.enabled);
  if (options.endpoint !== undefined) {
    let ok = false;
    try {
      const url = new URL(options.endpoint);
      ok = url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw invalid('endpoint', 'an http:// or https:// URL', '(hidden)');
  }
  if (
    options.protocol !== undefined &&
    options.protocol !== 'http/protobuf' &&
    options.protocol !== 'http/json'
  )
    throw invalid('protocol', '"http/protobuf" or "http/json"', options.protocol);
  if (options.sampler !== undefined && !SAMPLERS.includes(options.sampler))
    throw invalid('sampler', `one of ${SAMPLERS.join(', ')}`, options.sampler);
  const ratio = options.sampleRatio;
  if (ratio !== undefined && !(typeof ratio === 'number' && ratio >= 0 && ratio <= 1))
    throw invalid('sampleRatio', 'a number from 0 to 1', ratio);
  if (options.headers !== undefined) {
    const ok =
      typeof options.headers === 'object' &&
      options.headers !== null &&
      Object.values(options.headers).every((v) => typeof v === 'string');
    if (!ok) throw invalid('headers', 'an object of string values', '(hidden)');
  }
  for (const key of ['enabledInstrumentations', 'disabledInstrumentations'] as const) {
    const list = options[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((n) => typeof n === 'string')))
      throw invalid(key, 'an array of names', list);
  }
}

/** `base` + `/v1/<signal>`, keeping a path prefix the base may have (spec: exporter URL construction). */
export function signalUrl(base: string, signalPath: string): string {
  return `${base.replace(/\/+$/, '')}/${signalPath}`;
}

/**
 * The traces part of the configuration. `otlpProblem` is true when a shared `OTEL_EXPORTER_OTLP_*`
 * variable was invalid: the OTLP exporters are then off (tracing with it).
 */
export function resolveTraces(
  options: TracesOptions | undefined,
  env: EnvLookup,
  scopeFailed: (scope: 'traces' | 'otlp') => boolean,
): ResolvedTraces {
  const exporters = env<string[]>('OTEL_TRACES_EXPORTER') ?? ['none'];
  const envWants = exporters.includes('otlp') && !exporters.includes('none');
  const baseUrl = env<string>('OTEL_EXPORTER_OTLP_ENDPOINT') ?? 'http://localhost:4318';
  const url =
    options?.endpoint ?? env<string>('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? signalUrl(baseUrl, 'v1/traces');
  const headers = {
    ...env<Record<string, string>>('OTEL_EXPORTER_OTLP_HEADERS'),
    ...env<Record<string, string>>('OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    ...options?.headers,
  };
  const scheduledDelayMillis = env<number>('OTEL_BSP_SCHEDULE_DELAY') ?? 5000;
  const maxQueueSize = env<number>('OTEL_BSP_MAX_QUEUE_SIZE') ?? 2048;
  const maxExportBatchSize = Math.min(env<number>('OTEL_BSP_MAX_EXPORT_BATCH_SIZE') ?? 512, maxQueueSize);
  const propagators = (env<string[]>('OTEL_PROPAGATORS') ?? ['tracecontext', 'baggage']).filter(
    (p): p is 'tracecontext' | 'baggage' => p === 'tracecontext' || p === 'baggage',
  );
  const exportTimeoutMillis = env<number>('OTEL_BSP_EXPORT_TIMEOUT') ?? 10_000;
  const failed = scopeFailed('traces') || scopeFailed('otlp');
  return Object.freeze({
    enabled: options?.enabled ?? (envWants && !failed),
    exporter: Object.freeze({
      url,
      protocol:
        options?.protocol ??
        env<OtlpProtocol>('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
        env<OtlpProtocol>('OTEL_EXPORTER_OTLP_PROTOCOL') ??
        'http/protobuf',
      headers: Object.freeze(headers),
      timeoutMillis:
        env<number>('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT') ??
        env<number>('OTEL_EXPORTER_OTLP_TIMEOUT') ??
        10_000,
      compression: env<'gzip' | 'none'>('OTEL_EXPORTER_OTLP_COMPRESSION') ?? 'none',
    }),
    sampler: options?.sampler ?? env<SamplerName>('OTEL_TRACES_SAMPLER') ?? 'parentbased_always_on',
    sampleRatio: options?.sampleRatio ?? env<number>('OTEL_TRACES_SAMPLER_ARG') ?? 1,
    propagators: Object.freeze(propagators),
    batch: Object.freeze({ scheduledDelayMillis, exportTimeoutMillis, maxQueueSize, maxExportBatchSize }),
    enabledInstrumentations:
      options?.enabledInstrumentations ?? env<string[]>('OTEL_NODE_ENABLED_INSTRUMENTATIONS') ?? undefined,
    disabledInstrumentations: Object.freeze([
      ...(env<string[]>('OTEL_NODE_DISABLED_INSTRUMENTATIONS') ?? []),
      ...(options?.disabledInstrumentations ?? []),
    ]),
  });
}
