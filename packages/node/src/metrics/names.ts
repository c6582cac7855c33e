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
    description: 'Event loop delay, 50th percentile over the last 10-second window.',
  },
  eventLoopDelayP99: {
    name: 'nodejs.eventloop.delay.p99',
    unit: 's',
    kind: 'gauge',
    description: 'Event loop delay, 99th percentile over the last 10-second window.',
  },
  eventLoopDelayMax: {
    name: 'nodejs.eventloop.delay.max',
    unit: 's',
    kind: 'gauge',
    description: 'Event loop delay, maximum over the last 10-second window.',
  },
  eventLoopUtilization: {
    name: 'nodejs.eventloop.utilization',
    unit: '1',
    kind: 'gauge',
    description: 'Share of time the event loop was busy over the last 10-second window.',
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
  logRecords: {
    name: 'log.records',
    unit: '{record}',
    kind: 'counter',
    description: 'Log records written, by level (recorded by @signalkit/winston).',
  },
  configInfo: {
    name: 'signalkit.config.info',
    unit: '',
    kind: 'gauge',
    description:
      'Always 1; its attributes say how signalkit runs (cardinality limit, traces on or off, the OTLP traces origin) for `signalkit doctor`.',
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
  logLevel: 'log.level',
  cardinalityLimit: 'signalkit.cardinality_limit',
  traces: 'signalkit.traces',
  tracesEndpoint: 'signalkit.traces.endpoint',
} as const;

/** UCUM units as Prometheus spells them (the table of the OpenTelemetry collector's translator). */
const UNIT_WORDS: Record<string, string> = {
  d: 'days',
  h: 'hours',
  min: 'minutes',
  s: 'seconds',
  ms: 'milliseconds',
  us: 'microseconds',
  ns: 'nanoseconds',
  By: 'bytes',
  KiBy: 'kibibytes',
  MiBy: 'mebibytes',
  GiBy: 'gibibytes',
  TiBy: 'tibibytes',
  KBy: 'kilobytes',
  MBy: 'megabytes',
  GBy: 'gigabytes',
  TBy: 'terabytes',
  m: 'meters',
  V: 'volts',
  A: 'amperes',
  J: 'joules',
  W: 'watts',
  g: 'grams',
  Cel: 'celsius',
  Hz: 'hertz',
  '1': '',
  '%': 'percent',
};

/** The unit after `/`, singular: `By/s` is `bytes_per_second`. */
const PER_UNIT_WORDS: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
  mo: 'month',
  y: 'year',
};

/** The words of a name: runs of valid characters (`_` separates words, like any invalid character). */
function words(text: string): string[] {
  return text.split(/[^a-zA-Z0-9:]+/).filter((word) => word !== '');
}

/** The unit words to append: `s` -> `seconds`, `By/s` -> `bytes per second`; `{...}` annotations count as no unit. */
function unitWords(unit: string): { main: string; per: string } {
  const slash = unit.indexOf('/');
  const mainUnit = (slash === -1 ? unit : unit.slice(0, slash)).trim();
  const perUnit = slash === -1 ? '' : unit.slice(slash + 1).trim();
  const main = mainUnit === '' || /[{}]/.test(mainUnit) ? '' : (UNIT_WORDS[mainUnit] ?? mainUnit);
  const per = perUnit === '' || /[{}]/.test(perUnit) ? '' : (PER_UNIT_WORDS[perUnit] ?? perUnit);
  return { main: words(main).join('_'), per: words(per).join('_') };
}

/** A Prometheus metric or label name from an OpenTelemetry one (invalid characters to `_`). */
export function sanitizePrometheusName(name: string): string {
  const out = name.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/_+/g, '_');
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/**
 * The Prometheus name of a metric, per the OpenTelemetry Prometheus compatibility spec and as the
 * collector's translator builds it, so both paths give the same name: the name split into words at
 * invalid characters and `_`; the unit as a suffix unless already a word of the name (`_seconds`,
 * `_bytes_per_second`; `{...}` annotations dropped); `_total` last on counters; `_ratio` on unit-1
 * gauges. Histogram series add `_bucket`, `_sum` and `_count` to it.
 */
export function prometheusName(spec: Pick<MetricSpec, 'name' | 'unit' | 'kind'>): string {
  let tokens = words(spec.name);
  const { main, per } = unitWords(spec.unit);
  if (main !== '' && !tokens.includes(main)) tokens.push(main);
  if (per !== '') tokens.push('per', per);
  if (spec.kind === 'counter') tokens = [...tokens.filter((token) => token !== 'total'), 'total'];
  if (spec.unit === '1' && spec.kind === 'gauge')
    tokens = [...tokens.filter((token) => token !== 'ratio'), 'ratio'];
  const name = tokens.join('_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The Prometheus label name of an attribute. */
export function prometheusLabel(attribute: string): string {
  return sanitizePrometheusName(attribute);
}
