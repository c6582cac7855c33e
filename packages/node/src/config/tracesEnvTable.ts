import type { EnvVarSpec } from './envScope.js';

const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const;
const TIMEOUT = { kind: 'integer', min: 1, max: 600_000 } as const;

/** The variables of the traces signal (OpenTelemetry spec names and meanings). */
export const TRACES_ENV_VARS = [
  {
    name: 'OTEL_TRACES_EXPORTER',
    type: { kind: 'list', values: ['otlp', 'none'] },
    default: 'none',
    scope: 'traces',
    description: 'Tracing is off by default; `otlp` turns it on and exports spans over OTLP/HTTP.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    sensitive: true,
    type: { kind: 'url' },
    default: 'http://localhost:4318',
    scope: 'otlp',
    description: 'Base URL of the OTLP/HTTP receiver for every signal; `/v1/traces` (and so on) is appended.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    sensitive: true,
    type: { kind: 'url' },
    default: undefined,
    scope: 'traces',
    description: 'Full URL for spans, used as is; wins over `OTEL_EXPORTER_OTLP_ENDPOINT`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
    type: { kind: 'enum', values: OTLP_PROTOCOLS },
    default: 'http/protobuf',
    scope: 'otlp',
    description: 'OTLP encoding for every signal: `http/protobuf` or `http/json` (gRPC is not bundled).',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
    type: { kind: 'enum', values: OTLP_PROTOCOLS },
    default: undefined,
    scope: 'traces',
    description: 'OTLP encoding for spans; wins over `OTEL_EXPORTER_OTLP_PROTOCOL`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_HEADERS',
    sensitive: true,
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'otlp',
    description:
      'Headers for every OTLP request (`key=value,...`, percent-decoded); values are never printed.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
    sensitive: true,
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'traces',
    description: 'Headers for span exports, merged over `OTEL_EXPORTER_OTLP_HEADERS`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TIMEOUT',
    type: TIMEOUT,
    default: '10000',
    scope: 'otlp',
    description: 'Timeout of one OTLP export, retries included, in milliseconds.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
    type: TIMEOUT,
    default: undefined,
    scope: 'traces',
    description: 'Timeout of one span export, in milliseconds; wins over `OTEL_EXPORTER_OTLP_TIMEOUT`.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_COMPRESSION',
    type: { kind: 'enum', values: ['gzip', 'none'] },
    default: 'none',
    scope: 'otlp',
    description: 'Compression of OTLP request bodies.',
  },
  {
    name: 'OTEL_TRACES_SAMPLER',
    type: {
      kind: 'enum',
      values: [
        'always_on',
        'always_off',
        'traceidratio',
        'parentbased_always_on',
        'parentbased_always_off',
        'parentbased_traceidratio',
      ],
    },
    default: 'parentbased_always_on',
    scope: 'traces',
    description: 'Sampler; `parentbased_*` follow the caller’s decision when there is one.',
  },
  {
    name: 'OTEL_TRACES_SAMPLER_ARG',
    type: { kind: 'ratio' },
    default: '1',
    scope: 'traces',
    description: 'Sampling ratio from 0 to 1 for the `*traceidratio` samplers.',
  },
  {
    name: 'OTEL_PROPAGATORS',
    type: { kind: 'list', values: ['tracecontext', 'baggage', 'none'] },
    default: 'tracecontext,baggage',
    scope: 'traces',
    description: 'Context propagation formats (W3C trace context and baggage).',
  },
  {
    name: 'OTEL_BSP_SCHEDULE_DELAY',
    type: { kind: 'integer', min: 1, max: 600_000 },
    default: '5000',
    scope: 'traces',
    description: 'Delay between two span exports, in milliseconds.',
  },
  {
    name: 'OTEL_BSP_EXPORT_TIMEOUT',
    type: TIMEOUT,
    default: '10000',
    scope: 'traces',
    description:
      "Upper bound of one batch export, in milliseconds; the span exporter's timeout is held 10% below it.",
  },
  {
    name: 'OTEL_BSP_MAX_QUEUE_SIZE',
    type: { kind: 'integer', min: 1, max: 1_000_000 },
    default: '2048',
    scope: 'traces',
    description: 'Spans held while waiting for export; more are dropped and counted.',
  },
  {
    name: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
    type: { kind: 'integer', min: 1, max: 1_000_000 },
    default: '512',
    scope: 'traces',
    description: 'Spans per export request (at most the queue size).',
  },
  {
    name: 'OTEL_NODE_ENABLED_INSTRUMENTATIONS',
    type: { kind: 'names' },
    default: undefined,
    scope: 'traces',
    description:
      'Comma-separated instrumentation names to load (e.g. `http,undici,pg`); default: the curated set.',
  },
  {
    name: 'OTEL_NODE_DISABLED_INSTRUMENTATIONS',
    type: { kind: 'names' },
    default: undefined,
    scope: 'traces',
    description: 'Comma-separated instrumentation names not to load; applied after the enabled list.',
  },
] as const satisfies readonly EnvVarSpec[];
