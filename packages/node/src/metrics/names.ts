/**
 * The one place that names signalkit's metrics. Dashboards, alert rules and `signalkit top` take the
 * names from here (the Prometheus names through {@link prometheusName}), never retyped.
 */

export type InstrumentKind = 'histogram' | 'counter' | 'updowncounter' | 'gauge';

export interface MetricSpec {
  /** OpenTelemetry name (semantic conventions where one exists). */
  readonly name: string;
  /** UCUM unit, as in OpenTelemetry. */
  readonly unit: string;
  readonly kind: InstrumentKind;
  readonly description: string;
}

/** Latency buckets in seconds: the semantic-conventions advice for HTTP durations. */
export const HTTP_DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
]);

/** GC pause buckets in seconds (semantic-conventions advice for `v8js.gc.duration`). */
export const GC_DURATION_BUCKETS: readonly number[] = Object.freeze([0.001, 0.01, 0.1, 1, 10]);

export const METRICS = {
  httpServerDuration: {
    name: 'http.server.request.duration',
    unit: 's',
    kind: 'histogram',
    description: 'Duration of HTTP server requests.',
  },
  httpServerActiveRequests: {
    name: 'http.server.active_requests',
    unit: '{request}',
    kind: 'updowncounter',
    description: 'Number of active HTTP server requests.',
  },
  httpClientDuration: {
    name: 'http.client.request.duration',
    unit: 's',
    kind: 'histogram',
    description: 'Duration of HTTP client requests.',
  },
  eventLoopDelayP50: {
    name: 'nodejs.eventloop.delay.p50',
    unit: 's',
    kind: 'gauge',
    description: 'Event loop delay, 50th percentile since the previous collection.',
  },
  eventLoopDelayP99: {
    name: 'nodejs.eventloop.delay.p99',
    unit: 's',
    kind: 'gauge',
    description: 'Event loop delay, 99th percentile since the previous collection.',
  },
  eventLoopDelayMax: {
    name: 'nodejs.eventloop.delay.max',
    unit: 's',
    kind: 'gauge',
    description: 'Event loop delay, maximum since the previous collection.',
  },
  eventLoopUtilization: {
    name: 'nodejs.eventloop.utilization',
    unit: '1',
    kind: 'gauge',
    description: 'Share of time the event loop was busy since the previous collection.',
  },
  heapUsed: {
    name: 'nodejs.heap.used',
    unit: 'By',
    kind: 'gauge',
    description: 'V8 heap in use.',
  },
  heapLimit: {
    name: 'nodejs.heap.limit',
    unit: 'By',
    kind: 'gauge',
    description: 'V8 heap size limit: the process fails with an out-of-memory error near it.',
  },
  gcDuration: {
    name: 'v8js.gc.duration',
    unit: 's',
    kind: 'histogram',
    description: 'Duration of garbage collection pauses, by kind.',
  },
  cpuTime: {
    name: 'process.cpu.time',
    unit: 's',
    kind: 'counter',
    description: 'CPU time used by the process, by mode (user, system).',
  },
  memoryUsage: {
    name: 'process.memory.usage',
    unit: 'By',
    kind: 'updowncounter',
    description: 'Resident set size of the process.',
  },
  activeHandles: {
    name: 'nodejs.active_handles',
    unit: '{handle}',
    kind: 'gauge',
    description: 'Active libuv handles and requests keeping the event loop alive (sockets, timers, ...).',
  },
} as const satisfies Record<string, MetricSpec>;

/** Attribute names used on the golden-signal metrics. */
export const ATTR = {
  method: 'http.request.method',
  route: 'http.route',
  status: 'http.response.status_code',
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  overflow: 'otel.metric.overflow',
  gcType: 'v8js.gc.type',
  cpuMode: 'cpu.mode',
} as const;

const UNIT_WORDS: Record<string, string> = {
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  min: 'minutes',
  h: 'hours',
  d: 'days',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  '%': 'percent',
};

function unitSuffix(unit: string, kind: InstrumentKind): string {
  const bare = unit.replace(/\{[^}]*\}/g, '');
  if (bare === '') return '';
  if (bare === '1') return kind === 'gauge' ? 'ratio' : '';
  const [num, per] = bare.split('/');
  const word = (u: string) => UNIT_WORDS[u] ?? u;
  return per === undefined ? word(num ?? '') : `${word(num ?? '')}_per_${word(per)}`;
}

/** A Prometheus metric or label name from an OpenTelemetry one (invalid characters to `_`). */
export function sanitizePrometheusName(name: string): string {
  const out = name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_+/g, '_');
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/**
 * The Prometheus name of a metric, per the OpenTelemetry Prometheus compatibility spec: the unit as a
 * suffix (`_seconds`, `_bytes`, `_ratio` for unit-1 gauges) and `_total` on counters. Histogram series
 * add `_bucket`, `_sum` and `_count` to it.
 */
export function prometheusName(spec: Pick<MetricSpec, 'name' | 'unit' | 'kind'>): string {
  let name = sanitizePrometheusName(spec.name);
  const suffix = unitSuffix(spec.unit, spec.kind);
  if (suffix !== '' && !name.endsWith(`_${suffix}`)) name = `${name}_${suffix}`;
  if (spec.kind === 'counter' && !name.endsWith('_total')) name = `${name}_total`;
  return name;
}

/** The Prometheus label name of an attribute. */
export function prometheusLabel(attribute: string): string {
  return sanitizePrometheusName(attribute);
}
