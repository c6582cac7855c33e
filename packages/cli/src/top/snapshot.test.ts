import { describe, expect, it } from 'vitest';
import { SIGNAL_NAMES, type SignalNames } from '../model/metricNames.js';
import { DEFAULT_THRESHOLDS } from '../model/thresholds.js';
import { parsePrometheusText } from '../prometheus/parsePrometheusText.js';
import { readSignals, type ServiceReading } from './readSignals.js';
import { serviceSnapshot } from './snapshot.js';
import type { Thresholds } from './thresholds.js';

const D = SIGNAL_NAMES.serverDuration;
const BOUNDS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

/** Histogram lines for one series from per-bucket counts. */
function histogram(labels: string, perBucket: number[]): string[] {
  let sum = 0;
  const lines = BOUNDS.map((le, i) => {
    sum += perBucket[i] ?? 0;
    return `${D}_bucket{${labels},le="${le}"} ${sum}`;
  });
  lines.push(`${D}_count{${labels}} ${sum}`, `${D}_sum{${labels}} 0`);
  return lines;
}

function reading(lines: string[], atMillis: number, names: SignalNames = SIGNAL_NAMES): ServiceReading {
  const scrape = {
    url: 'http://127.0.0.1:9464/metrics',
    metrics: parsePrometheusText(lines.join('\n')),
    atMillis,
  };
  const [first] = readSignals(scrape, names);
  if (first === undefined) throw new Error('no reading');
  return first;
}

const GET_USER = 'http_request_method="GET",http_response_status_code="200",http_route="/users/:id"';
const GET_USER_500 =
  'error_type="500",http_request_method="GET",http_response_status_code="500",http_route="/users/:id"';
const NOT_FOUND = 'http_request_method="GET",http_response_status_code="404"';
const defaults = () => DEFAULT_THRESHOLDS;

describe('serviceSnapshot', () => {
  const before = reading(
    [
      'target_info{service_name="orders"} 1',
      ...histogram(GET_USER, [100, 0, 0, 0, 0, 0, 0, 0, 0]),
      'nodejs_eventloop_utilization_ratio 0.1',
    ],
    1000,
  );
  const after = reading(
    [
      'target_info{service_name="orders"} 1',
      // +30 fast, +10 in (0.25, 0.5]; a 404 series appears.
      ...histogram(GET_USER, [130, 0, 0, 0, 0, 0, 10, 0, 0]),
      ...histogram(NOT_FOUND, [5, 0, 0, 0, 0, 0, 0, 0, 0]),
      `${SIGNAL_NAMES.activeRequests}{http_request_method="GET"} 2`,
      `${SIGNAL_NAMES.activeRequests}{http_request_method="POST"} 1`,
      'nodejs_eventloop_utilization_ratio 0.25',
      'nodejs_eventloop_delay_p99_seconds 0.012',
      'nodejs_heap_used_bytes 50',
      'nodejs_heap_limit_bytes 100',
    ],
    3000,
  );

  it('counts only what happened between the two scrapes, as rates over the window', () => {
    const s = serviceSnapshot(before, after, defaults);
    expect(s.service).toBe('orders');
    expect(s.windowSeconds).toBe(2);
    const users = s.routes.find((r) => r.route === '/users/:id')!;
    expect(users.requests).toBe(40);
    expect(users.rate).toBe(20);
    expect(users.statuses).toEqual({ '200': 40 });
    // 30 of 40 in the first bucket: p50 interpolates inside it; p95 and p99 lie in (0.25, 0.5].
    expect(users.p50Seconds).toBeCloseTo(0.005 * (20 / 30), 12);
    expect(users.p95Seconds).toBeCloseTo(0.25 + 0.25 * ((38 - 30) / 10), 12);
    expect(users.p99Seconds).toBeCloseTo(0.25 + 0.25 * ((39.6 - 30) / 10), 12);
  });

  it('takes a series that appeared since the previous scrape as new in the window', () => {
    const s = serviceSnapshot(before, after, defaults);
    const unmatched = s.routes.find((r) => r.route === null)!;
    expect(unmatched).toMatchObject({ method: 'GET', requests: 5, errors: 0, errorRatio: 0 });
    expect(s.total?.requests).toBe(45);
  });

  it('reads in-flight requests over all methods and the saturation gauges as they are', () => {
    const s = serviceSnapshot(before, after, defaults);
    expect(s.inFlight).toBe(3);
    expect(s.saturation).toEqual({
      eventLoopUtilization: 0.25,
      eventLoopDelayP99Seconds: 0.012,
      heapUsedBytes: 50,
      heapLimitBytes: 100,
      heapUsedRatio: 0.5,
      cpuCores: null,
    });
  });

  it('counts 5xx answers as errors, per route and for the service', () => {
    const withErrors = reading(
      [
        ...histogram(GET_USER, [130, 0, 0, 0, 0, 0, 10, 0, 0]),
        ...histogram(GET_USER_500, [10, 0, 0, 0, 0, 0, 0, 0, 0]),
      ],
      3000,
    );
    const s = serviceSnapshot(before, withErrors, defaults);
    const users = s.routes.find((r) => r.route === '/users/:id')!;
    expect(users).toMatchObject({
      requests: 50,
      errors: 10,
      errorRatio: 0.2,
      statuses: { '200': 40, '500': 10 },
    });
    expect(s.total?.errorRatio).toBe(0.2);
    // 20% is above 14.4 times the default 0.5% budget: the ErrorBudgetBurn page.
    const page = {
      signal: 'errorRatio',
      alert: 'ErrorBudgetBurn',
      severity: 'page',
      value: 0.2,
      threshold: 14.4 * 0.005,
      window: '1h',
    };
    expect(s.breaches).toContainEqual(page);
    expect(s.breaches).toContainEqual({ ...page, route: { method: 'GET', route: '/users/:id' } });
  });

  it('marks an error ratio with the highest burn-rate level it is above: its severity and window', () => {
    const withErrors = (failed: number) =>
      reading(
        [
          ...histogram(GET_USER, [100 + 1000 - failed, 0, 0, 0, 0, 0, 0, 0, 0]),
          ...histogram(GET_USER_500, [failed, 0, 0, 0, 0, 0, 0, 0, 0]),
        ],
        3000,
      );
    const mark = (failed: number) =>
      serviceSnapshot(before, withErrors(failed), defaults)
        .breaches.filter((b) => b.route === undefined)
        .map((b) => `${b.severity} ${b.window} > ${b.threshold}`);
    // The default 0.5% budget: page above 7.2% (1h) and 3% (6h), ticket above 1.5% (1d) and 0.5% (3d).
    expect(mark(4)).toEqual([]);
    expect(mark(10)).toEqual([`ticket 3d > ${0.005}`]);
    expect(mark(20)).toEqual([`ticket 1d > ${3 * 0.005}`]);
    expect(mark(40)).toEqual([`page 6h > ${6 * 0.005}`]);
    expect(mark(80)).toEqual([`page 1h > ${14.4 * 0.005}`]);
  });

  it('takes a counter that went down as a restart: the new value is all new', () => {
    const restarted = reading(histogram(GET_USER, [7, 0, 0, 0, 0, 0, 0, 0, 0]), 3000);
    const s = serviceSnapshot(before, restarted, defaults);
    expect(s.total?.requests).toBe(7);
  });

  it('has no rates after one scrape, and no quantiles for a route without requests', () => {
    expect(serviceSnapshot(undefined, before, defaults)).toMatchObject({
      windowSeconds: null,
      total: null,
      routes: [],
    });
    const idle = serviceSnapshot(
      before,
      reading(histogram(GET_USER, [100, 0, 0, 0, 0, 0, 0, 0, 0]), 3000),
      defaults,
    );
    expect(idle.routes[0]).toMatchObject({
      requests: 0,
      rate: 0,
      errorRatio: null,
      p50Seconds: null,
      p99Seconds: null,
    });
  });

  it('marks p99, event loop utilization and heap above their thresholds', () => {
    const busy = reading(
      [
        ...histogram(GET_USER, [100, 0, 0, 0, 0, 0, 0, 0, 10]),
        'nodejs_eventloop_utilization_ratio 0.95',
        'nodejs_heap_used_bytes 95',
        'nodejs_heap_limit_bytes 100',
      ],
      3000,
    );
    const marks = serviceSnapshot(before, busy, defaults).breaches.map(
      (b) => `${b.route === undefined ? 'service' : 'route'} ${b.alert} ${b.severity}`,
    );
    // The 10 new requests all took over 1 s: all slower than the 500 ms threshold, p99 above 1 s.
    expect(marks).toEqual([
      'service LatencyBudgetBurn page',
      'service LatencyP99High ticket',
      'service EventLoopUtilizationHigh ticket',
      'service HeapNearLimit ticket',
      'route LatencyBudgetBurn page',
      'route LatencyP99High ticket',
    ]);
    const relaxed: Thresholds = {
      ...DEFAULT_THRESHOLDS,
      slowRatioBurn: [],
      latencyP99Seconds: 3,
      eventLoopUtilization: 0.99,
      heapUsedRatio: 0.99,
    };
    expect(serviceSnapshot(before, busy, () => relaxed).breaches).toEqual([]);
  });

  it("counts requests slower than the service's latency threshold from the bucket at it", () => {
    // Window of /users/:id: 30 fast, 10 in (0.25, 0.5]. None over 500 ms; over 250 ms, 10 of 40.
    expect(serviceSnapshot(before, after, defaults).total?.slowRatio).toBe(0);
    const tight: Thresholds = { ...DEFAULT_THRESHOLDS, latencyThresholdSeconds: 0.25 };
    const s = serviceSnapshot(before, after, () => tight);
    expect(s.routes.find((r) => r.route === '/users/:id')?.slowRatio).toBe(0.25);
    // With the five fast 404s: 10 of 45.
    expect(s.total?.slowRatio).toBeCloseTo(10 / 45, 12);
    expect(s.breaches).toContainEqual({
      signal: 'slowRatio',
      alert: 'LatencyBudgetBurn',
      severity: 'page',
      value: s.total?.slowRatio,
      threshold: 14.4 * 0.01,
      window: '1h',
    });
  });

  it('marks nothing for a service without thresholds (no alert rules), and still shows its signals', () => {
    const s = serviceSnapshot(before, after, () => null);
    expect(s.thresholds).toBeNull();
    expect(s.breaches).toEqual([]);
    expect(s.total?.requests).toBe(45);
    expect(s.total?.slowRatio).toBeNull();
  });

  it('reads CPU cores as the growth of the CPU time counter over the window, all modes together', () => {
    const cpu = (user: number, system: number) => [
      `${SIGNAL_NAMES.cpuTime}{cpu_mode="user"} ${user}`,
      `${SIGNAL_NAMES.cpuTime}{cpu_mode="system"} ${system}`,
      'nodejs_heap_used_bytes 1',
    ];
    const first = reading(cpu(10, 2), 0);
    const second = reading(cpu(11.5, 2.5), 2000);
    const s = serviceSnapshot(first, second, defaults);
    expect(s.saturation.cpuCores).toBe(1);
    expect(s.breaches).toContainEqual({
      signal: 'cpuCores',
      alert: 'CpuSaturated',
      severity: 'ticket',
      value: 1,
      threshold: 0.9,
    });
    expect(serviceSnapshot(undefined, first, defaults).saturation.cpuCores).toBeNull();
  });

  it('holds exactly the error and warn levels against the log alerts, as their rules select them', () => {
    const names: SignalNames = {
      ...SIGNAL_NAMES,
      logRecords: 'log_records_total',
      labels: { ...SIGNAL_NAMES.labels, logLevel: 'log_level' },
    };
    const logs = (error: number, fatal: number, warn: number) => [
      `log_records_total{log_level="error"} ${error}`,
      `log_records_total{log_level="fatal"} ${fatal}`,
      `log_records_total{log_level="warn"} ${warn}`,
    ];
    const first = reading(logs(0, 0, 0), 0, names);
    // Per minute: 9 error and 6 fatal (15 shown as log errors, 9 for ErrorLogsHigh: under 10), 61 warn.
    const second = reading(logs(9, 6, 61), 60_000, names);
    const s = serviceSnapshot(first, second, defaults);
    expect(s.logs?.errorsPerMinute).toBe(15);
    expect(s.breaches).toEqual([
      {
        signal: 'warningLogsPerMinute',
        alert: 'WarningLogsHigh',
        severity: 'ticket',
        value: 61,
        threshold: 60,
      },
    ]);
  });

  it('shows log errors per minute when the endpoint has a log-records counter', () => {
    const names: SignalNames = {
      ...SIGNAL_NAMES,
      logRecords: 'log_records_total',
      labels: { ...SIGNAL_NAMES.labels, logLevel: 'log_level' },
    };
    const first = reading(
      ['log_records_total{log_level="error"} 10', 'log_records_total{log_level="info"} 100'],
      0,
      names,
    );
    const second = reading(
      [
        'log_records_total{log_level="error"} 13',
        'log_records_total{log_level="info"} 160',
        'log_records_total{log_level="fatal"} 1',
      ],
      30_000,
      names,
    );
    expect(serviceSnapshot(first, second, defaults).logs).toEqual({
      errorsPerMinute: 8,
      perMinuteByLevel: { error: 6, info: 120, fatal: 2 },
    });
    expect(serviceSnapshot(undefined, before, defaults).logs).toBeNull();
  });
});

describe('readSignals', () => {
  it('names a service from target_info, else from the URL', () => {
    const metrics = parsePrometheusText('nodejs_heap_used_bytes 1\n');
    const [r] = readSignals({ url: 'http://10.0.0.7:9464/metrics', metrics, atMillis: 0 }, SIGNAL_NAMES);
    expect(r?.service).toBe('10.0.0.7:9464');
  });

  it('splits an endpoint that federates targets by job and instance', () => {
    const metrics = parsePrometheusText(
      [
        'target_info{job="shop/orders",instance="a",service_name="orders"} 1',
        'target_info{job="shop/inventory",instance="b",service_name="inventory"} 1',
        'nodejs_heap_used_bytes{job="shop/orders",instance="a"} 1',
        'nodejs_heap_used_bytes{job="shop/inventory",instance="b"} 2',
        'unrelated_metric{job="other",instance="c"} 3',
      ].join('\n'),
    );
    const readings = readSignals(
      { url: 'http://collector:8889/metrics', metrics, atMillis: 0 },
      SIGNAL_NAMES,
    );
    expect(readings.map((r) => [r.service, r.instance, r.heapUsedBytes])).toEqual([
      ['orders', 'a', 1],
      ['inventory', 'b', 2],
    ]);
  });
});
