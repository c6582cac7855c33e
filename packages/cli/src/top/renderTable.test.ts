import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../model/thresholds.js';
import { renderTable } from './renderTable.js';
import type { ServiceSnapshot, TopSnapshot, TrafficSignals } from './snapshot.js';

const traffic = (over: Partial<TrafficSignals> = {}): TrafficSignals => ({
  requests: 100,
  rate: 50,
  errors: 0,
  errorRatio: 0,
  slowRatio: 0,
  p50Seconds: 0.0021,
  p95Seconds: 0.12,
  p99Seconds: 0.3,
  statuses: { '200': 100 },
  ...over,
});

function service(over: Partial<ServiceSnapshot> = {}): ServiceSnapshot {
  return {
    service: 'orders',
    url: 'http://127.0.0.1:9464/metrics',
    instance: null,
    up: true,
    error: null,
    windowSeconds: 2,
    total: traffic({ errors: 10, errorRatio: 0.1 }),
    routes: [
      { method: 'GET', route: '/orders/:id', overflow: false, ...traffic() },
      { method: 'GET', route: '/error', overflow: false, ...traffic({ rate: 5, errors: 10, errorRatio: 1 }) },
      { method: 'GET', route: null, overflow: false, ...traffic({ rate: 1 }) },
    ],
    inFlight: 3,
    saturation: {
      eventLoopUtilization: 0.12,
      eventLoopDelayP99Seconds: 0.011,
      heapUsedBytes: 16 * 1024 * 1024,
      heapLimitBytes: 4 * 1024 ** 3,
      heapUsedRatio: 16 / 4096,
      cpuCores: 0.05,
    },
    logs: null,
    thresholds: DEFAULT_THRESHOLDS,
    breaches: [
      {
        signal: 'errorRatio',
        alert: 'ErrorBudgetBurn',
        severity: 'page',
        value: 0.1,
        threshold: 0.072,
        window: '1h',
      },
      {
        signal: 'slowRatio',
        alert: 'LatencyBudgetBurn',
        severity: 'ticket',
        value: 0.02,
        threshold: 0.01,
        window: '3d',
      },
      {
        signal: 'errorRatio',
        alert: 'ErrorBudgetBurn',
        severity: 'page',
        route: { method: 'GET', route: '/error' },
        value: 1,
        threshold: 0.072,
        window: '1h',
      },
    ],
    ...over,
  };
}

const snapshot = (services: ServiceSnapshot[]): TopSnapshot => ({
  time: new Date('2026-01-02T03:04:05Z'),
  intervalSeconds: 2,
  thresholdsFrom: 'defaults',
  services,
});

/** An escape sequence cut before its final letter. */
const UNFINISHED_ESCAPE = new RegExp(`${'\u001b'}\\[[0-9;]*$`);

describe('renderTable', () => {
  it('shows each route with rate, 5xx ratio and quantiles, and marks what would fire', () => {
    const text = renderTable(snapshot([service()]), { color: false }).join('\n');
    expect(text).toContain('thresholds: the SLO defaults (--slo <file> for yours); !! would page, ! ticket');
    expect(text).toMatch(/orders {2}http:\/\/127\.0\.0\.1:9464\/metrics {2}in flight 3/);
    expect(text).toMatch(
      /event loop 12\.0% busy {3}delay p99 11 ms {3}heap 16\.0 MiB \/ 4\.0 GiB \(0\.4%\) {3}cpu 0\.05 cores/,
    );
    expect(text).toContain(
      'alerts at: 5xx 7.2%/1h 3%/6h page, 1.5%/1d 0.5%/3d ticket · >500 ms 14.4%/1h 6%/6h page, 3%/1d 1%/3d ticket · p99 1 s',
    );
    expect(text).toMatch(/ROUTE +REQ\/S +5XX +>500ms +P50/);
    expect(text).toMatch(/all routes +50\.0 +10\.0%!! +0\.0%! +2\.1 ms +120 ms +300 ms/);
    expect(text).toMatch(/GET +\/error +5\.00 +100\.0%!! +0\.0% {3}/);
    expect(text).toMatch(/GET +\(no route\) +1\.00 +0\.0% {3}/);
    expect(text).toContain(
      'would fire if it lasts:\n' +
        '  !! orders: 5xx ratio 10.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)\n' +
        '  !  orders: requests slower than 500 ms 2.00% > 1% (LatencyBudgetBurn: burning budget, ticket if it lasts 3d)\n' +
        "routes over their service's thresholds (the alerts are per service):\n" +
        '  !! orders GET /error: 5xx ratio 100.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)',
    );
    // Plain text: no escape sequence at all.
    expect(text).not.toContain('\u001b');
  });

  it('colours pages red and tickets yellow when colours are on', () => {
    const text = renderTable(snapshot([service()]), { color: true }).join('\n');
    expect(text).toMatch(new RegExp(`${'\u001b'}\\[31m +10\\.0%!!${'\u001b'}\\[0m`));
    expect(text).toMatch(new RegExp(`${'\u001b'}\\[33m +0\\.0%! ${'\u001b'}\\[0m`));
    expect(text).toContain('\u001b[1morders\u001b[0m');
  });

  it('cuts lines to the terminal width without breaking an escape sequence', () => {
    for (const color of [false, true]) {
      const lines = renderTable(snapshot([service()]), { color, width: 30 });
      for (const line of lines) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
        const visible = line.replace(/\u001b\[[0-9;]*m/g, '');
        expect(visible.length).toBeLessThanOrEqual(30);
        expect(line).not.toMatch(UNFINISHED_ESCAPE);
      }
    }
  });

  it('says it is measuring after the first scrape, and shows a service that went down', () => {
    const first = renderTable(
      snapshot([service({ total: null, routes: [], windowSeconds: null, breaches: [] })]),
      {
        color: false,
      },
    ).join('\n');
    expect(first).toContain('measuring: rates and latency after the next scrape');
    expect(first).toContain('nothing would fire');
    const down = renderTable(
      snapshot([service({ up: false, error: 'cannot reach x: connection refused' })]),
      {
        color: false,
      },
    ).join('\n');
    expect(down).toContain('DOWN: cannot reach x: connection refused (last values shown)');
  });

  it('shows log errors per minute when the service exports them', () => {
    const text = renderTable(
      snapshot([service({ logs: { errorsPerMinute: 1.5, perMinuteByLevel: { error: 1.5 } } })]),
      { color: false },
    ).join('\n');
    expect(text).toContain('log errors 1.5/min');
  });

  it('names the SLO file the thresholds come from, and a service it does not list', () => {
    const text = renderTable(
      { ...snapshot([service({ thresholds: null, breaches: [] })]), thresholdsFrom: 'ops/slo.yaml' },
      { color: false },
    ).join('\n');
    expect(text).toContain('thresholds: ops/slo.yaml, as signalkit generate writes its alerts');
    expect(text).toContain('not in ops/slo.yaml: no alert rules for it, nothing marked');
    // No latency threshold: no slow column.
    expect(text).toMatch(/ROUTE +REQ\/S +5XX +P50/);
    expect(text).toContain('nothing would fire');
  });
});
