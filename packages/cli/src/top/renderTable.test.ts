import { describe, expect, it } from 'vitest';
import { renderTable } from './renderTable.js';
import type { ServiceSnapshot, TopSnapshot, TrafficSignals } from './snapshot.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';

const traffic = (over: Partial<TrafficSignals> = {}): TrafficSignals => ({
  requests: 100,
  rate: 50,
  errors: 0,
  errorRatio: 0,
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
    },
    logs: null,
    breaches: [
      { signal: 'errorRatio', value: 0.1, threshold: 0.05 },
      { signal: 'errorRatio', route: { method: 'GET', route: '/error' }, value: 1, threshold: 0.05 },
    ],
    ...over,
  };
}

const snapshot = (services: ServiceSnapshot[]): TopSnapshot => ({
  time: new Date('2026-01-02T03:04:05Z'),
  intervalSeconds: 2,
  thresholds: DEFAULT_THRESHOLDS,
  services,
});

/** An escape sequence cut before its final letter. */
const UNFINISHED_ESCAPE = new RegExp(`${'\u001b'}\\[[0-9;]*$`);

describe('renderTable', () => {
  it('shows each route with rate, 5xx ratio and quantiles, and marks what would fire', () => {
    const text = renderTable(snapshot([service()]), { color: false }).join('\n');
    expect(text).toContain('thresholds: 5xx > 5%, p99 > 1 s, event loop > 90%, heap > 85%');
    expect(text).toMatch(/orders {2}http:\/\/127\.0\.0\.1:9464\/metrics {2}in flight 3/);
    expect(text).toMatch(/event loop 12\.0% busy {3}delay p99 11 ms {3}heap 16\.0 MiB \/ 4\.0 GiB \(0\.4%\)/);
    expect(text).toMatch(/all routes +50\.0 +10\.0%! +2\.1 ms +120 ms +300 ms/);
    expect(text).toMatch(/GET +\/error +5\.00 +100\.0%!/);
    expect(text).toMatch(/GET +\(no route\) +1\.00 +0\.0% /);
    expect(text).toContain(
      'would fire:\n  ! orders: 5xx ratio 10.0% > 5%\n  ! orders GET /error: 5xx ratio 100.0% > 5%',
    );
    // Plain text: no escape sequence at all.
    expect(text).not.toContain('\u001b');
  });

  it('colours breaches red when colours are on', () => {
    const text = renderTable(snapshot([service()]), { color: true }).join('\n');
    expect(text).toContain('\u001b[31m');
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
});
