import { invalidOption } from './invalidOption.js';
import { type EnvLookup, type ResolvedOtlpExporter, resolveOtlpExporter } from './resolveOtlpExporter.js';
import type { SignalkitError } from './SignalkitError.js';
import type { SamplerName, TracesOptions } from './tracesOptions.js';

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

const SAMPLERS: readonly SamplerName[] = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
];

function invalid(name: string, expected: string, value: unknown): SignalkitError {
  return invalidAt('traces', name, expected, value);
}

function invalidAt(prefix: string, name: string, expected: string, value: unknown): SignalkitError {
  return invalidOption('initObservability', `${prefix}.${name}`, expected, value);
}

/** The endpoint, protocol and headers of an OTLP exporter given in code (traces, metrics.otlp). */
export function checkOtlpOverrides(
  prefix: string,
  options: { endpoint?: unknown; protocol?: unknown; headers?: unknown },
): void {
  if (options.endpoint !== undefined) {
    let ok = false;
    try {
      const url = new URL(String(options.endpoint));
      ok = (typeof options.endpoint === 'string' && url.protocol === 'http:') || url.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) throw invalidAt(prefix, 'endpoint', 'an http:// or https:// URL', '(hidden)');
  }
  if (
    options.protocol !== undefined &&
    options.protocol !== 'http/protobuf' &&
    options.protocol !== 'http/json'
  )
    throw invalidAt(prefix, 'protocol', '"http/protobuf" or "http/json"', options.protocol);
  if (options.headers !== undefined) {
    const ok =
      typeof options.headers === 'object' &&
      options.headers !== null &&
      Object.values(options.headers).every((v) => typeof v === 'string');
    if (!ok) throw invalidAt(prefix, 'headers', 'an object of string values', '(hidden)');
  }
}

/** Programmer errors in `options.traces` fail fast, at init. */
export function checkTracesOptions(options: TracesOptions | undefined): void {
  if (options === undefined) return;
  if (options.enabled !== undefined && typeof options.enabled !== 'boolean')
    throw invalid('enabled', 'a boolean', options.enabled);
  checkOtlpOverrides('traces', options);
  if (options.sampler !== undefined && !SAMPLERS.includes(options.sampler))
    throw invalid('sampler', `one of ${SAMPLERS.join(', ')}`, options.sampler);
  const ratio = options.sampleRatio;
  if (ratio !== undefined && !(typeof ratio === 'number' && ratio >= 0 && ratio <= 1))
    throw invalid('sampleRatio', 'a number from 0 to 1', ratio);
  for (const key of ['enabledInstrumentations', 'disabledInstrumentations'] as const) {
    const list = options[key];
    if (list !== undefined && !(Array.isArray(list) && list.every((n) => typeof n === 'string')))
      throw invalid(key, 'an array of names', list);
  }
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
  const scheduledDelayMillis = env<number>('OTEL_BSP_SCHEDULE_DELAY') ?? 5000;
  const maxQueueSize = env<number>('OTEL_BSP_MAX_QUEUE_SIZE') ?? 2048;
  const maxExportBatchSize = Math.min(env<number>('OTEL_BSP_MAX_EXPORT_BATCH_SIZE') ?? 512, maxQueueSize);
  const propagators = (env<string[]>('OTEL_PROPAGATORS') ?? ['tracecontext', 'baggage']).filter(
    (p): p is 'tracecontext' | 'baggage' => p === 'tracecontext' || p === 'baggage',
  );
  const exportTimeoutMillis = env<number>('OTEL_BSP_EXPORT_TIMEOUT') ?? 10_000;
  const exporter = resolveOtlpExporter('TRACES', env, {
    endpoint: options?.endpoint,
    protocol: options?.protocol,
    headers: options?.headers,
  });
  const sampler = options?.sampler ?? env<SamplerName>('OTEL_TRACES_SAMPLER') ?? 'parentbased_always_on';
  const sampleRatio = options?.sampleRatio ?? env<number>('OTEL_TRACES_SAMPLER_ARG') ?? 1;
  const enabledInstrumentations =
    options?.enabledInstrumentations ?? env<string[]>('OTEL_NODE_ENABLED_INSTRUMENTATIONS') ?? undefined;
  const disabledInstrumentations = Object.freeze([
    ...(env<string[]>('OTEL_NODE_DISABLED_INSTRUMENTATIONS') ?? []),
    ...(options?.disabledInstrumentations ?? []),
  ]);
  // Decided once every variable has been read: any invalid one turns tracing off.
  const failed = scopeFailed('traces') || scopeFailed('otlp');
  return Object.freeze({
    enabled: options?.enabled ?? (envWants && !failed),
    exporter,
    sampler,
    sampleRatio,
    propagators: Object.freeze(propagators),
    batch: Object.freeze({ scheduledDelayMillis, exportTimeoutMillis, maxQueueSize, maxExportBatchSize }),
    enabledInstrumentations,
    disabledInstrumentations,
  });
}
