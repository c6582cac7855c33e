import type { EnvVarSpec } from './envScope.js';

const TIMEOUT = { kind: 'integer', min: 1, max: 600_000 } as const;

/** The variables of the OTLP metrics push path (OpenTelemetry spec names and meanings). */
export const METRICS_OTLP_ENV_VARS = [
  {
    name: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
    sensitive: true,
    type: { kind: 'url' },
    default: undefined,
    scope: 'otlpMetrics',
    description: 'Full URL for metrics, used as is; wins over `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/metrics`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
    type: { kind: 'enum', values: ['http/protobuf', 'http/json'] },
    default: undefined,
    scope: 'otlpMetrics',
    description: 'OTLP encoding for metrics; wins over `OTEL_EXPORTER_OTLP_PROTOCOL`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
    sensitive: true,
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'otlpMetrics',
    description: 'Headers for metric exports, merged over `OTEL_EXPORTER_OTLP_HEADERS`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_METRICS_TIMEOUT',
    type: TIMEOUT,
    default: undefined,
    scope: 'otlpMetrics',
    description: 'Timeout of one metric export, in milliseconds; wins over `OTEL_EXPORTER_OTLP_TIMEOUT`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
    type: { kind: 'enum', values: ['cumulative', 'delta', 'lowmemory'] },
    default: 'cumulative',
    scope: 'otlpMetrics',
    description:
      'Temporality of pushed metrics: `cumulative`, `delta` (counters and histograms), `lowmemory`.',
  },
  {
    name: 'OTEL_METRIC_EXPORT_INTERVAL',
    type: { kind: 'integer', min: 100, max: 3_600_000 },
    default: '60000',
    scope: 'otlpMetrics',
    description: 'Interval between two metric pushes, in milliseconds.',
  },
  {
    name: 'OTEL_METRIC_EXPORT_TIMEOUT',
    type: TIMEOUT,
    default: '30000',
    scope: 'otlpMetrics',
    description: 'Upper bound of one metric push, in milliseconds (at most the interval).',
  },
] as const satisfies readonly EnvVarSpec[];
