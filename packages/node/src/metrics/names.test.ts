import { describe, expect, it } from 'vitest';
import { type InstrumentKind, METRICS, prometheusLabel, prometheusName } from './names.js';

// Expected names follow the OpenTelemetry Prometheus compatibility rules as the collector and
// Prometheus' OTLP receiver apply them (prometheus/otlptranslator), so a dashboard query matches
// whether Prometheus scrapes signalkit or receives OTLP through the collector.
const name = (n: string, unit: string, kind: InstrumentKind) => prometheusName({ name: n, unit, kind });

describe('prometheusName', () => {
  it('gives every signalkit metric its compatibility-spec name', () => {
    const names = Object.fromEntries(
      Object.entries(METRICS).map(([key, spec]) => [key, prometheusName(spec)]),
    );
    expect(names).toEqual({
      httpServerDuration: 'http_server_request_duration_seconds',
      httpServerActiveRequests: 'http_server_active_requests',
      httpClientDuration: 'http_client_request_duration_seconds',
      eventLoopDelayP50: 'nodejs_eventloop_delay_p50_seconds',
      eventLoopDelayP99: 'nodejs_eventloop_delay_p99_seconds',
      eventLoopDelayMax: 'nodejs_eventloop_delay_max_seconds',
      eventLoopUtilization: 'nodejs_eventloop_utilization_ratio',
      heapUsed: 'nodejs_heap_used_bytes',
      heapLimit: 'nodejs_heap_limit_bytes',
      gcDuration: 'v8js_gc_duration_seconds',
      cpuTime: 'process_cpu_time_seconds_total',
      memoryUsage: 'process_memory_usage_bytes',
      activeHandles: 'nodejs_active_handles',
      logRecords: 'log_records_total',
      configInfo: 'signalkit_config_info',
    });
  });

  it.each([
    ['s', 'seconds'],
    ['ms', 'milliseconds'],
    ['us', 'microseconds'],
    ['ns', 'nanoseconds'],
    ['min', 'minutes'],
    ['h', 'hours'],
    ['d', 'days'],
    ['By', 'bytes'],
    ['KiBy', 'kibibytes'],
    ['MiBy', 'mebibytes'],
    ['GiBy', 'gibibytes'],
    ['KBy', 'kilobytes'],
    ['MBy', 'megabytes'],
    ['m', 'meters'],
    ['Cel', 'celsius'],
    ['Hz', 'hertz'],
    ['%', 'percent'],
  ])('spells unit %s as the suffix _%s', (unit, word) => {
    expect(name('queue.wait', unit, 'histogram')).toBe(`queue_wait_${word}`);
  });

  it('keeps an unknown unit as it is, sanitised', () => {
    expect(name('rack.distance', 'furlong', 'gauge')).toBe('rack_distance_furlong');
  });

  it('drops units in braces: an annotation is no unit', () => {
    expect(name('http.server.active_requests', '{request}', 'updowncounter')).toBe(
      'http_server_active_requests',
    );
    expect(name('log.records', '{record}', 'counter')).toBe('log_records_total');
  });

  it('writes a rate unit as _per_ with the singular time word', () => {
    expect(name('net.io.rate', 'By/s', 'gauge')).toBe('net_io_rate_bytes_per_second');
    expect(name('jobs.rate', '{job}/m', 'gauge')).toBe('jobs_rate_per_minute');
    expect(name('jobs.rate', '{job}/h', 'gauge')).toBe('jobs_rate_per_hour');
    expect(name('jobs.rate', '1/s', 'gauge')).toBe('jobs_rate_per_second');
  });

  it('adds _ratio to gauges of unit 1 only', () => {
    expect(name('cpu.utilization', '1', 'gauge')).toBe('cpu_utilization_ratio');
    expect(name('cache.hit_ratio', '1', 'gauge')).toBe('cache_hit_ratio');
    expect(name('retries', '1', 'counter')).toBe('retries_total');
    expect(name('queue.depth', '1', 'updowncounter')).toBe('queue_depth');
    expect(name('batch.size', '1', 'histogram')).toBe('batch_size');
  });

  it('adds _total to counters only, once, after the unit', () => {
    expect(name('jobs.done', '', 'counter')).toBe('jobs_done_total');
    expect(name('jobs.done.total', '', 'counter')).toBe('jobs_done_total');
    expect(name('busy.total', 's', 'counter')).toBe('busy_seconds_total');
    expect(name('jobs.in_flight', '', 'updowncounter')).toBe('jobs_in_flight');
    expect(name('jobs.total', '', 'gauge')).toBe('jobs_total');
  });

  it('does not repeat a unit the name already has', () => {
    expect(name('request.duration.seconds', 's', 'histogram')).toBe('request_duration_seconds');
    expect(name('heap.bytes.used', 'By', 'gauge')).toBe('heap_bytes_used');
  });

  it('sanitises: invalid characters become one underscore, edges are trimmed, a leading digit is prefixed', () => {
    expect(name('my-app.queue  size', '', 'gauge')).toBe('my_app_queue_size');
    expect(name('a..b__c', '', 'gauge')).toBe('a_b_c');
    expect(name('_private.gauge_', '', 'gauge')).toBe('private_gauge');
    expect(name('2xx.responses', '', 'counter')).toBe('_2xx_responses_total');
    expect(name('caché.size', 'By', 'gauge')).toBe('cach_size_bytes');
    expect(name('ns:sub.metric', '', 'gauge')).toBe('ns:sub_metric');
  });

  it('always yields a valid Prometheus metric name', () => {
    const valid = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
    for (const raw of ['9', 'a b', '.x.', 'é', 'x/y', 'x{y}', 'http.server.request.duration'])
      for (const kind of ['histogram', 'counter', 'updowncounter', 'gauge'] as const)
        expect(name(raw, 's', kind)).toMatch(valid);
  });
});

describe('prometheusLabel', () => {
  it('turns attribute names into label names', () => {
    expect(prometheusLabel('http.request.method')).toBe('http_request_method');
    expect(prometheusLabel('otel.metric.overflow')).toBe('otel_metric_overflow');
    expect(prometheusLabel('error.type')).toBe('error_type');
  });
});
