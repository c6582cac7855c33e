import type { EnvVarName } from './envTable.js';
import type { OtlpProtocol } from './tracesOptions.js';

export interface ResolvedOtlpExporter {
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMillis: number;
  readonly compression: 'gzip' | 'none';
}

/** Reads one variable of the table; problems are recorded by the caller's reader. */
export type EnvLookup = <T>(name: EnvVarName) => T | undefined;

/** Per-signal overrides given in code. */
export interface OtlpExporterOverrides {
  endpoint?: string | undefined;
  protocol?: OtlpProtocol | undefined;
  headers?: Record<string, string> | undefined;
}

/** `base` + `/v1/<signal>`, keeping a path prefix the base may have (spec: exporter URL construction). */
export function signalUrl(base: string, signalPath: string): string {
  return `${base.replace(/\/+$/, '')}/${signalPath}`;
}

/**
 * One OTLP/HTTP exporter's settings, per the spec's precedence: code option > per-signal variable
 * (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, used as is) > shared variable (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * with `/v1/<signal>` appended) > default. Headers merge shared < per-signal < code.
 */
export function resolveOtlpExporter(
  signal: 'TRACES' | 'METRICS',
  env: EnvLookup,
  overrides: OtlpExporterOverrides = {},
): ResolvedOtlpExporter {
  const baseUrl = env<string>('OTEL_EXPORTER_OTLP_ENDPOINT') ?? 'http://localhost:4318';
  const path = signal === 'TRACES' ? 'v1/traces' : 'v1/metrics';
  return Object.freeze({
    url:
      overrides.endpoint ?? env<string>(`OTEL_EXPORTER_OTLP_${signal}_ENDPOINT`) ?? signalUrl(baseUrl, path),
    protocol:
      overrides.protocol ??
      env<OtlpProtocol>(`OTEL_EXPORTER_OTLP_${signal}_PROTOCOL`) ??
      env<OtlpProtocol>('OTEL_EXPORTER_OTLP_PROTOCOL') ??
      'http/protobuf',
    headers: Object.freeze({
      ...env<Record<string, string>>('OTEL_EXPORTER_OTLP_HEADERS'),
      ...env<Record<string, string>>(`OTEL_EXPORTER_OTLP_${signal}_HEADERS`),
      ...overrides.headers,
    }),
    timeoutMillis:
      env<number>(`OTEL_EXPORTER_OTLP_${signal}_TIMEOUT`) ??
      env<number>('OTEL_EXPORTER_OTLP_TIMEOUT') ??
      10_000,
    compression: env<'gzip' | 'none'>('OTEL_EXPORTER_OTLP_COMPRESSION') ?? 'none',
  });
}
