import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../../../../test/support/childProcess.js';
import { DEFAULT_THRESHOLDS } from '../../src/model/thresholds.js';
import { SIGNALKIT_BIN } from './support/examplePaths.js';
import { type ExampleServices, startExampleServices } from './support/exampleServices.js';
import { bucketOf, type GroundTruth, runLoad } from './support/loadGenerator.js';

/** The part of `signalkit top --json` this test reads. */
interface TopJson {
  schema: string;
  services: {
    service: string;
    up: boolean;
    windowSeconds: number;
    total: { requests: number; rate: number; errors: number; errorRatio: number | null };
    routes: {
      method: string | null;
      route: string | null;
      requests: number;
      rate: number;
      errors: number;
      errorRatio: number | null;
      p50Seconds: number | null;
      p95Seconds: number | null;
      p99Seconds: number | null;
      statuses: Record<string, number>;
    }[];
    breaches: {
      signal: string;
      alert: string;
      severity: string;
      route?: { method: string | null; route: string | null };
      value: number;
      threshold: number;
    }[];
  }[];
}

describe('signalkit top on the example services under a known load', () => {
  let services: ExampleServices;
  let truth: GroundTruth;
  let top: TopJson;

  beforeAll(async () => {
    services = await startExampleServices();
    // Warm up (JIT, connections) before the measured window; these requests fall before top's first scrape.
    await runLoad(services.ordersUrl, ['--count', '100', '--rate', '0', '--concurrency', '2', '--seed', '7']);
    // The window is long enough that the whole measured load lands between top's two scrapes, so every
    // request the load generator counted is in top's window and nothing else is.
    const topProcess = startChild(process.execPath, [
      SIGNALKIT_BIN,
      'top',
      '--once',
      '--json',
      '--interval',
      '10',
      services.ordersMetricsUrl,
      services.inventoryMetricsUrl,
    ]);
    await topProcess.waitFor('first scrape done');
    truth = await runLoad(services.ordersUrl, ['--count', '300', '--rate', '100', '--concurrency', '4']);
    const loadDoneFirst = topProcess.process.exitCode === null;
    const code = await topProcess.exited;
    expect(code, topProcess.stderr()).toBe(0);
    expect(loadDoneFirst, 'the load outlasted top window (raise --interval)').toBe(true);
    top = JSON.parse(topProcess.stdout()) as TopJson;
  }, 90_000);

  afterAll(async () => {
    await services?.stop();
  });

  const orders = () => top.services.find((s) => s.service === 'orders')!;
  const inventory = () => top.services.find((s) => s.service === 'inventory')!;

  it('got answers to every request it sent, in the fixed mix', () => {
    expect(truth.failures).toEqual([]);
    expect(truth.answered).toBe(300);
    const byRoute = (route: string | null) =>
      truth.counts.filter((c) => c.route === route).reduce((n, c) => n + c.count, 0);
    // 300 requests = 3 blocks of the 60/15/10/10/5 mix.
    expect(byRoute('/orders/:id')).toBe(180);
    expect(byRoute('/orders')).toBe(45);
    expect(byRoute('/slow')).toBe(30);
    expect(byRoute('/error')).toBe(30);
    expect(byRoute(null)).toBe(15);
  });

  it('names each service from target_info and puts the busier one first', () => {
    expect(top.schema).toBe('signalkit.top/v2');
    expect(top.services.map((s) => s.service)).toEqual(['orders', 'inventory']);
    expect(top.services.every((s) => s.up)).toBe(true);
  });

  it('counts exactly the requests of the ground truth per method, route and status', () => {
    const shown = orders().routes.flatMap((r) =>
      Object.entries(r.statuses).map(([status, count]) => `${r.method} ${r.route} ${status} ${count}`),
    );
    const expected = truth.counts.map((c) => `${c.method} ${c.route} ${c.status} ${c.count}`);
    expect(shown.sort()).toEqual(expected.sort());
  });

  it('shows request rates that are the ground-truth counts over its window', () => {
    const service = orders();
    expect(service.windowSeconds).toBeGreaterThan(0);
    expect(service.total.requests).toBe(truth.answered);
    expect(service.total.rate * service.windowSeconds).toBeCloseTo(truth.answered, 6);
    for (const route of service.routes) {
      const count = truth.counts
        .filter((c) => c.method === route.method && c.route === route.route)
        .reduce((n, c) => n + c.count, 0);
      expect(route.requests, `${route.method} ${route.route}`).toBe(count);
      expect(route.rate * service.windowSeconds).toBeCloseTo(count, 6);
    }
    // Busiest route first.
    expect(service.routes[0]).toMatchObject({ method: 'GET', route: '/orders/:id' });
    // Each POST /orders asked inventory for its item once.
    const posts = truth.counts.find((c) => c.method === 'POST' && c.route === '/orders')!;
    const items = inventory().routes.find((r) => r.route === '/items/:sku')!;
    expect(items.requests).toBe(posts.count);
  });

  it('shows the 5xx ratio of the ground truth, and marks the page its default SLO would fire', () => {
    const service = orders();
    const errors = truth.counts.filter((c) => c.status >= 500).reduce((n, c) => n + c.count, 0);
    expect(errors).toBe(30);
    expect(service.total.errors).toBe(errors);
    expect(service.total.errorRatio).toBeCloseTo(errors / truth.answered, 12);
    const errorRoute = service.routes.find((r) => r.route === '/error')!;
    expect(errorRoute.errorRatio).toBe(1);
    expect(service.routes.find((r) => r.route === '/orders/:id')!.errorRatio).toBe(0);
    // 404s are not errors.
    expect(service.routes.find((r) => r.route === null)!.errorRatio).toBe(0);
    // 10% failed: above 14.4 times the default 0.5% budget (7.2%).
    expect(service.breaches).toContainEqual({
      signal: 'errorRatio',
      alert: 'ErrorBudgetBurn',
      severity: 'page',
      value: errors / truth.answered,
      threshold: DEFAULT_THRESHOLDS.errorRatioBurn[0]?.ratio,
      window: '1h',
    });
    expect(inventory().breaches).toEqual([]);
  });

  it('estimates latency quantiles within one histogram bucket of the ground truth', () => {
    for (const route of orders().routes) {
      const rows = truth.counts.filter((c) => c.method === route.method && c.route === route.route);
      expect(rows, `${route.method} ${route.route}`).toHaveLength(1);
      const latency = rows[0]!.latencySeconds;
      for (const q of ['p50', 'p95', 'p99'] as const) {
        const shown = route[`${q}Seconds`];
        const what = `${route.method} ${route.route} ${q}: top ${shown} s, ground truth ${latency[q]} s`;
        expect(shown, what).not.toBeNull();
        const distance = bucketOf(shown!) - bucketOf(latency[q]);
        // The load generator times each request from the outside, so its durations bound the service's
        // from above: top may not show a quantile more than one bucket above the ground truth's.
        expect(distance, what).toBeLessThanOrEqual(1);
        // Medians are stable enough to match from both sides. The tails of client-side timings carry
        // the scheduling noise of a busy machine (a few ms to tens of ms on a handful of requests), so
        // they bound top's tails from above only.
        if (q === 'p50') expect(distance, what).toBeGreaterThanOrEqual(-1);
      }
    }
    // The slow route sleeps 300 ms: its quantiles lie in the 0.25 < le <= 0.5 bucket, as the ground
    // truth's median does; the other routes answer at once, well below it.
    const slow = orders().routes.find((r) => r.route === '/slow')!;
    const slowTruth = truth.counts.find((c) => c.route === '/slow')!.latencySeconds;
    expect(bucketOf(slowTruth.p50)).toBe(bucketOf(0.3));
    for (const q of ['p50', 'p95', 'p99'] as const)
      expect(bucketOf(slow[`${q}Seconds`]!)).toBe(bucketOf(0.3));
    for (const route of orders().routes.filter((r) => r.route !== '/slow'))
      expect(route.p99Seconds!, `${route.route} p99`).toBeLessThan(0.25);
  });
});
