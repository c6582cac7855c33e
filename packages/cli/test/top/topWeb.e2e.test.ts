import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, startChild } from '../../../../test/support/childProcess.js';
import { markOf, rate, routeName } from '../../src/top/formatValues.js';
import type { TopJson } from '../../src/top/renderJson.js';
import type { ServiceSnapshot } from '../../src/top/snapshot.js';
import type { ChartData, ChartThreshold } from '../../src/top/web/chartData.js';
import type { SnapshotsJson } from '../../src/top/web/webServer.js';
import { launchChromium } from './support/chromium.js';
import { DOCKER_SLO, SIGNALKIT_BIN } from './support/examplePaths.js';
import { type ExampleServices, startExampleServices } from './support/exampleServices.js';
import { type FakeEndpoint, fakeEndpoint } from './support/fakeEndpoint.js';
import { bucketOf, type GroundTruth, runLoad } from './support/loadGenerator.js';

const URL_LINE = /^signalkit top: (http:\/\/127\.0\.0\.1:\d+\/)$/m;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What the page shows of a service, read in the browser in one go (so from one dashboard). */
interface ShownService {
  service: string;
  charts: { data: ChartData; paths: { name: string; d: string }[] }[];
  routes: { cells: string[]; breached: boolean[] }[];
  /** The service's "alerts at" line. */
  alerts: string;
}
interface Shown {
  sequence: number;
  services: ShownService[];
  /** The "would fire" items: the text, and the alert and severity they carry. */
  fire: { text: string; alert: string; severity: string }[];
}

/** Reads the dashboard as it stands: each chart's `data-series` and drawn paths, the route tables. */
function readDashboard(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const dashboard = document.getElementById('dashboard') as HTMLElement;
    return {
      sequence: Number(dashboard.dataset.seq),
      services: [...dashboard.querySelectorAll<HTMLElement>('section.service')].map((section) => ({
        service: section.dataset.service ?? '',
        charts: [...section.querySelectorAll<SVGElement>('svg.chart')].map((svg) => ({
          data: JSON.parse(svg.dataset.series ?? 'null'),
          paths: [...svg.querySelectorAll('path.series')].map((p) => ({
            name: p.getAttribute('data-name') ?? '',
            d: p.getAttribute('d') ?? '',
          })),
        })),
        routes: [...section.querySelectorAll('table.routes tbody tr')].map((tr) => ({
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
          breached: [...tr.querySelectorAll('td')].map((td) => td.classList.contains('breach')),
        })),
        alerts: section.querySelector('p.alerts')?.textContent ?? '',
      })),
      fire: [...dashboard.querySelectorAll<HTMLElement>('section.fire li')].map((li) => ({
        text: li.textContent ?? '',
        alert: li.dataset.alert ?? '',
        severity: li.dataset.severity ?? '',
      })),
    };
  });
}

/** The values a chart should draw for a service in an API snapshot: the test's own reading of the JSON. */
const EXPECTED: Record<string, (s: ServiceSnapshot) => (number | null)[]> = {
  rate: (s) => [s.total?.rate ?? null],
  errorRatio: (s) => [s.total?.errorRatio ?? null],
  slowRatio: (s) => [s.total?.slowRatio ?? null],
  latency: (s) => [s.total?.p50Seconds ?? null, s.total?.p95Seconds ?? null, s.total?.p99Seconds ?? null],
  eventLoopUtilization: (s) => [s.saturation.eventLoopUtilization],
  eventLoopDelay: (s) => [s.saturation.eventLoopDelayP99Seconds],
  heap: (s) => [s.saturation.heapUsedRatio],
};

function chart(service: ShownService, id: string): ChartData {
  const found = service.charts.find((c) => c.data.id === id);
  if (found === undefined) throw new Error(`no ${id} chart for ${service.service}`);
  return found.data;
}

async function api(url: string): Promise<SnapshotsJson> {
  return (await (await fetch(`${url}api/snapshots`)).json()) as SnapshotsJson;
}

/** What the chart of `id` should draw as thresholds: the levels of the service's own thresholds in the API. */
function expectedThresholds(s: ServiceSnapshot, id: string): ChartThreshold[] {
  const t = s.thresholds;
  if (t === null) return [];
  switch (id) {
    case 'errorRatio':
      return t.errorRatioBurn.map((l) => ({
        signal: 'errorRatio',
        value: l.ratio,
        alert: 'ErrorBudgetBurn',
        severity: l.severity,
        window: l.window,
      }));
    case 'slowRatio':
      return t.slowRatioBurn.map((l) => ({
        signal: 'slowRatio',
        value: l.ratio,
        alert: 'LatencyBudgetBurn',
        severity: l.severity,
        window: l.window,
      }));
    case 'latency':
      return [
        {
          signal: 'latencyP99Seconds',
          value: t.latencyP99Seconds,
          alert: 'LatencyP99High',
          severity: 'ticket',
        },
      ];
    case 'eventLoopUtilization':
      return [
        {
          signal: 'eventLoopUtilization',
          value: t.eventLoopUtilization,
          alert: 'EventLoopUtilizationHigh',
          severity: 'ticket',
        },
      ];
    case 'eventLoopDelay':
      return [
        {
          signal: 'eventLoopDelayP99Seconds',
          value: t.eventLoopDelayP99Seconds,
          alert: 'EventLoopDelayHigh',
          severity: 'ticket',
        },
      ];
    case 'heap':
      return [
        { signal: 'heapUsedRatio', value: t.heapUsedRatio, alert: 'HeapNearLimit', severity: 'ticket' },
      ];
    default:
      return [];
  }
}

/** Starts `signalkit top --web --port 0` (the built command) and waits for its URL. */
async function topWeb(args: string[]): Promise<{ child: Child; url: string }> {
  const child = startChild(process.execPath, [SIGNALKIT_BIN, 'top', '--web', '--port', '0', ...args]);
  await child.waitFor((out) => URL_LINE.test(out), { what: 'the URL line' });
  return { child, url: (URL_LINE.exec(child.stdout()) as RegExpExecArray)[1] as string };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('signalkit top --web --slo docker/slo.yaml in headless Chromium, on the example services under a known load', () => {
  const INTERVAL_SECONDS = 6;
  let services: ExampleServices;
  let top: Child;
  let url: string;
  let page: Page;
  let truth: GroundTruth;
  let shown: Shown;
  let served: SnapshotsJson;
  const requests: string[] = [];
  const problems: string[] = [];
  const screenshotDir = mkdtempSync(join(tmpdir(), 'signalkit-web-'));
  const screenshot = join(screenshotDir, 'top-web.png');

  beforeAll(async () => {
    services = await startExampleServices();
    // Warm up before top's first scrape, so the measured load is the only traffic after it.
    await runLoad(services.ordersUrl, ['--count', '100', '--rate', '0', '--concurrency', '2', '--seed', '7']);
    ({ child: top, url } = await topWeb([
      '--interval',
      String(INTERVAL_SECONDS),
      '--slo',
      DOCKER_SLO,
      services.ordersMetricsUrl,
      services.inventoryMetricsUrl,
    ]));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(url);
    // The URL is printed after the first scrape: the whole load (3 s) lands in the window up to the second.
    truth = await runLoad(services.ordersUrl, ['--count', '300', '--rate', '100', '--concurrency', '4']);
    expect((await api(url)).sequence, 'the load outlasted the window (raise the interval)').toBe(1);
    // The page picks up the second snapshot by itself (it polls); charts then hold the load's window.
    await page.waitForFunction(
      () => {
        const svg = document.querySelector<SVGElement>(
          'section[data-service="orders"] svg[data-chart="rate"]',
        );
        const data = svg === null ? undefined : JSON.parse(svg.dataset.series ?? 'null');
        return data?.times.length >= 2;
      },
      undefined,
      { timeout: (INTERVAL_SECONDS + 10) * 1000 },
    );
    shown = await readDashboard(page);
    served = await api(url);
    await page.screenshot({ path: screenshot, fullPage: true });
  }, 60_000);

  afterAll(async () => {
    await page?.close();
    const code = await top?.stop();
    await services?.stop();
    rmSync(screenshotDir, { recursive: true, force: true });
    expect(code, 'signalkit top --web on SIGTERM').toBe(0);
  });

  const shownService = (name: string) => {
    const s = shown.services.find((x) => x.service === name);
    if (s === undefined) throw new Error(`the page shows no ${name}`);
    return s;
  };
  /** The snapshot the page's latest point was drawn from. */
  const servedAt = (index: number): TopJson => served.snapshots[index] as TopJson;

  it('took a screenshot of the page: a PNG of some substance', () => {
    const png = readFileSync(screenshot);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });

  it('shows both services with seven charts each, and nothing on the page failed', () => {
    expect(shown.services.map((s) => s.service)).toEqual(['inventory', 'orders']);
    for (const s of shown.services) expect(s.charts.map((c) => c.data.id)).toEqual(Object.keys(EXPECTED));
    expect(problems).toEqual([]);
  });

  it('draws exactly the values the API serves, snapshot by snapshot', () => {
    for (const service of shown.services) {
      for (const { data, paths } of service.charts) {
        const what = `${service.service} ${data.id}`;
        // The page may be a refresh behind the API, never ahead: its points are the API's first ones.
        expect(data.times.length, what).toBeGreaterThanOrEqual(2);
        const snapshots = served.snapshots.slice(0, data.times.length);
        expect(data.times, what).toEqual(snapshots.map((s) => Date.parse(s.time)));
        const expected = snapshots.map((snapshot) => {
          const s = snapshot.services.find((x) => x.service === service.service) as ServiceSnapshot;
          return EXPECTED[data.id]!(s);
        });
        data.series.forEach((series, i) => {
          expect(series.values, `${what} ${series.name}`).toEqual(expected.map((values) => values[i]));
          // Each value that is not null is one vertex of the series' path.
          const path = paths.find((p) => p.name === series.name);
          const vertices = path?.d.match(/[ML]/g)?.length ?? 0;
          expect(vertices, `${what} ${series.name} vertices`).toBe(
            series.values.filter((v) => v !== null).length,
          );
        });
      }
    }
  });

  it("charts request and 5xx rates whose sums over the windows are the load's ground truth", () => {
    expect(truth.failures).toEqual([]);
    expect(truth.answered).toBe(300);
    const orders = shownService('orders');
    const rates = chart(orders, 'rate');
    const ratios = chart(orders, 'errorRatio');
    let requests = 0;
    let errors = 0;
    rates.series[0]!.values.forEach((r, i) => {
      const window = rates.windowSeconds[i] ?? null;
      if (r === null || window === null) return;
      requests += r * window;
      errors += r * window * (ratios.series[0]!.values[i] ?? 0);
    });
    expect(requests).toBeCloseTo(truth.answered, 6);
    const truthErrors = truth.counts.filter((c) => c.status >= 500).reduce((n, c) => n + c.count, 0);
    expect(truthErrors).toBe(30);
    expect(errors).toBeCloseTo(truthErrors, 6);
    // Inventory answered one request per POST /orders.
    const inventoryRates = chart(shownService('inventory'), 'rate');
    const inventoryRequests = inventoryRates.series[0]!.values.reduce<number>(
      (n, r, i) => n + (r ?? 0) * (inventoryRates.windowSeconds[i] ?? 0),
      0,
    );
    const posts = truth.counts.find((c) => c.method === 'POST' && c.route === '/orders')!.count;
    expect(inventoryRequests).toBeCloseTo(posts, 6);
    expect(ratios.series[0]!.values[1]).toBeCloseTo(truthErrors / truth.answered, 12);
    // The load's 10% 5xx is above the page level of the 1-hour pair of orders' 99.5% (14.4 x 0.5%).
    const page = ratios.thresholds[0]!;
    expect(page).toMatchObject({ alert: 'ErrorBudgetBurn', severity: 'page', window: '1h' });
    expect(page.value).toBeCloseTo(0.072, 12);
    expect(ratios.series[0]!.values[1]!).toBeGreaterThan(page.value);
  });

  it("draws each service's own thresholds from the SLO file, as the API serves them", () => {
    const snapshot = servedAt(shown.sequence - 1);
    for (const service of shown.services) {
      const served = snapshot.services.find((s) => s.service === service.service) as ServiceSnapshot;
      expect(served.thresholds, service.service).not.toBeNull();
      for (const { data } of service.charts)
        expect(data.thresholds, `${service.service} ${data.id}`).toEqual(expectedThresholds(served, data.id));
    }
    // docker/slo.yaml holds inventory to 99.9% and 250 ms, orders to 99.5% and 500 ms: the lines differ.
    const pageLevel = (name: string) => chart(shownService(name), 'errorRatio').thresholds[0]!.value;
    expect(pageLevel('orders')).toBeCloseTo(14.4 * 0.005, 12);
    expect(pageLevel('inventory')).toBeCloseTo(14.4 * 0.001, 12);
    expect(chart(shownService('orders'), 'slowRatio').title).toBe('Slower than 500 ms');
    expect(chart(shownService('inventory'), 'slowRatio').title).toBe('Slower than 250 ms');
    expect(chart(shownService('inventory'), 'latency').thresholds.map((t) => t.value)).toEqual([0.5]);
    expect(shownService('inventory').alerts).toContain('alerts at: 5xx 1.44%/1h 0.6%/6h page');
    expect(shownService('orders').alerts).toContain('alerts at: 5xx 7.2%/1h 3%/6h page');
  });

  it("charts latency quantiles within one histogram bucket of the load's ground truth", () => {
    const latency = chart(shownService('orders'), 'latency');
    // The load's window is the second point; the first has no window yet.
    expect(latency.series.map((s) => s.values[0])).toEqual([null, null, null]);
    for (const [i, q] of (['p50', 'p95', 'p99'] as const).entries()) {
      const value = latency.series[i]!.values[1]!;
      const perRoute = truth.counts.map((c) => c.latencySeconds[q]);
      const what = `orders ${q}: chart ${value} s, ground truth per route ${perRoute.join(', ')} s`;
      // A quantile of the whole lies between the routes' quantiles; the load times requests from the
      // outside, so its durations bound the service's from above (as in top.e2e.test.ts).
      expect(bucketOf(value), what).toBeLessThanOrEqual(Math.max(...perRoute.map(bucketOf)) + 1);
      if (q === 'p50')
        expect(bucketOf(value), what).toBeGreaterThanOrEqual(Math.min(...perRoute.map(bucketOf)) - 1);
    }
    // 10% of the requests are the slow route's 300 ms: p95 and p99 lie in its bucket, p50 well below it.
    const slow = truth.counts.find((c) => c.route === '/slow')!.latencySeconds.p50;
    expect(bucketOf(latency.series[1]!.values[1]!)).toBe(bucketOf(slow));
    expect(bucketOf(latency.series[2]!.values[1]!)).toBe(bucketOf(0.3));
    expect(latency.series[0]!.values[1]!).toBeLessThan(0.25);
  });

  it('lists the routes of the snapshot it shows, marks the breaches with their severity, and lists them with their alert', () => {
    const snapshot = servedAt(shown.sequence - 1);
    const orders = snapshot.services.find((s) => s.service === 'orders') as ServiceSnapshot;
    const rows = shownService('orders').routes;
    expect(rows.map((r) => r.cells.slice(0, 3))).toEqual([
      ['', 'all routes', rate(orders.total!.rate)],
      ...orders.routes.map((r) => [r.method ?? '-', routeName(r), rate(r.rate)]),
    ]);
    // The page was read as the second snapshot came (the third is an interval away): the load's window,
    // where the /error route (100% 5xx) and the service (10%) would fire, and nothing else.
    expect(shown.sequence).toBe(2);
    const error = rows.find((r) => r.cells[1] === '/error')!;
    expect(error.cells[3]).toBe('100.0%!!');
    expect(error.breached[3]).toBe(true);
    expect(rows[0]!.cells[3]).toBe('10.0%!!');
    expect(rows.filter((r) => r.breached.some(Boolean)).map((r) => r.cells[1])).toEqual([
      'all routes',
      '/error',
    ]);
    const texts = shown.fire.map((f) => f.text);
    expect(texts).toContain('!! orders: 5xx ratio 10.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)');
    expect(texts).toContain(
      '!! orders GET /error: 5xx ratio 100.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)',
    );
    // One item per breach the API serves for that snapshot, each with its alert and severity.
    const breaches = snapshot.services.flatMap((s) => s.breaches);
    expect(shown.fire.map((f) => `${f.alert} ${f.severity}`).sort()).toEqual(
      breaches.map((b) => `${b.alert} ${b.severity}`).sort(),
    );
    for (const f of shown.fire)
      expect(f.text.startsWith(`${markOf(f.severity as 'page' | 'ticket')} `)).toBe(true);
    // inventory, under its own tighter SLO, served every request in time and without error.
    expect(snapshot.services.find((s) => s.service === 'inventory')!.breaches).toEqual([]);
  });

  it('made no request anywhere but its own server on 127.0.0.1', () => {
    const origin = new URL(url).host;
    expect(requests.length).toBeGreaterThanOrEqual(2); // the page and at least one refresh
    expect(requests.filter((r) => new URL(r).host !== origin)).toEqual([]);
  });
});

describe('signalkit top --web in headless Chromium, with a hostile route name', () => {
  const HOSTILE = `/x/"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  let endpoint: FakeEndpoint;
  let top: Child;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    endpoint = await fakeEndpoint(`<i>svc</i>`, HOSTILE, true);
    let url: string;
    ({ child: top, url } = await topWeb(['--interval', '0.3', endpoint.url]));
    page = await browser.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url);
    await page.waitForSelector('table.routes td.route', { timeout: 10_000 });
  });

  afterAll(async () => {
    await page?.close();
    await top?.stop();
    await endpoint?.close();
  });

  it('shows the names as text: no element, script or handler of theirs gets into the page', async () => {
    const result = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      italics: document.querySelectorAll('i').length,
      scripts: document.querySelectorAll('script').length,
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      route: document.querySelector('table.routes tbody tr:nth-child(2) td.route')?.textContent,
      service: document.querySelector('section.service')?.getAttribute('data-service'),
      heading: document.querySelector('section.service h2')?.firstChild?.textContent,
      fire: [...document.querySelectorAll('section.fire li')].map((li) => li.textContent),
    }));
    expect(result).toMatchObject({ images: 0, italics: 0, scripts: 1, pwned: null, route: HOSTILE });
    expect(result.service).toBe('<i>svc</i>');
    expect(result.heading).toBe('<i>svc</i> ');
    expect(result.fire).toContain(
      `!! <i>svc</i> GET ${HOSTILE}: 5xx ratio 100.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)`,
    );
    expect(dialogs).toEqual([]);
  });
});
