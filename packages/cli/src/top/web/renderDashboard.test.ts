import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, thresholdsFromSlo } from '../../model/thresholds.js';
import { SLO_DEFAULTS } from '../../slo/defaults.js';
import type { RouteSignals, ServiceSnapshot, TopSnapshot, TrafficSignals } from '../snapshot.js';
import { evaluateThresholds, type Thresholds } from '../thresholds.js';
import type { ChartData } from './chartData.js';
import { renderDashboard } from './renderDashboard.js';

const HOSTILE_ROUTE = `/x/"><img src=x onerror="alert(1)"></td></table><script>alert(2)</script>`;
const HOSTILE_SERVICE = `<b>svc</b>'&"`;

/** A tighter SLO than the defaults: 99.9% available (pages above 1.44%), 95% under 250 ms. */
const TIGHT: Thresholds = thresholdsFromSlo({
  ...SLO_DEFAULTS,
  availability: { objective: 0.999 },
  latency: { thresholdSeconds: 0.25, objective: 0.95, p99Seconds: 2.5 },
});

function traffic(rate: number, errorRatio: number, p99: number, slowRatio = 0): TrafficSignals {
  return {
    requests: rate * 2,
    rate,
    errors: rate * 2 * errorRatio,
    errorRatio,
    slowRatio,
    p50Seconds: p99 / 4,
    p95Seconds: p99 / 2,
    p99Seconds: p99,
    statuses: { '200': rate * 2 },
  };
}

/**
 * A service `at` snapshots in (none measured at 0), checked against `thresholds` (`null`: not in the
 * SLO file) by the same evaluation top runs.
 */
function service(
  name: string,
  at: number,
  routes: RouteSignals[],
  { up = true, thresholds = DEFAULT_THRESHOLDS as Thresholds | null, slowRatio = 0 } = {},
): ServiceSnapshot {
  const errorRatio = routes.some((r) => (r.errorRatio ?? 0) > 0) ? 0.5 : 0;
  const total = traffic(10 + at, errorRatio, 0.1 * (at + 1), slowRatio);
  const saturation = {
    eventLoopUtilization: 0.1 * at,
    eventLoopDelayP99Seconds: 0.02,
    heapUsedBytes: 50 * 2 ** 20,
    heapLimitBytes: 4 * 2 ** 30,
    heapUsedRatio: 50 / 4096,
    cpuCores: at === 0 ? null : 0.05,
  };
  const measured = at === 0 ? { total: null, routes: [] } : { total, routes };
  return {
    service: name,
    url: `http://127.0.0.1:9464/metrics`,
    instance: null,
    up,
    error: up ? null : 'connection refused',
    windowSeconds: at === 0 ? null : 2,
    ...measured,
    inFlight: 1,
    saturation,
    logs: null,
    thresholds,
    breaches: evaluateThresholds({ service: name, ...measured, saturation, logs: null }, () => thresholds),
  };
}

function snapshot(at: number, services: ServiceSnapshot[], thresholdsFrom = 'defaults'): TopSnapshot {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 12, 0, 2 * at)),
    intervalSeconds: 2,
    thresholdsFrom,
    services,
  };
}

const hostileRoute: RouteSignals = {
  method: 'GET',
  route: HOSTILE_ROUTE,
  overflow: false,
  ...traffic(3, 1, 0.004),
};
const okRoute: RouteSignals = { method: 'GET', route: '/ok', overflow: false, ...traffic(7, 0, 0.003) };

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** The `data-series` of each chart of a service, parsed as a browser would read the attribute. */
function charts(html: string): ChartData[] {
  return [...html.matchAll(/data-series="([^"]*)"/g)].map((m) => JSON.parse(unescapeHtml(m[1] as string)));
}

/** The section of one service. */
function sectionOf(html: string, name: string): string {
  const section = new RegExp(`<section class="service" data-service="${name}">.*?</section>`).exec(html);
  if (section === null) throw new Error(`no section for ${name}`);
  return section[0];
}

/** The "would fire" items as text, as a browser shows them. */
function fired(html: string): string[] {
  return [...html.matchAll(/<li [^>]*>([^<]*)<\/li>/g)].map((m) => unescapeHtml(m[1] as string));
}

describe('renderDashboard', () => {
  const history = [0, 1, 2, 3].map((at) => snapshot(at, [service('orders', at, [okRoute, hostileRoute])]));

  it('says it waits when there is no snapshot yet', () => {
    expect(renderDashboard({ snapshots: [], sequence: 0 })).toContain('waiting for the first scrape');
  });

  it('draws seven charts per service whose data are the snapshots values, a gap where there is none', () => {
    const html = renderDashboard({ snapshots: history, sequence: 4 });
    expect(html).toContain('data-seq="4"');
    const data = charts(html);
    expect(data.map((c) => c.id)).toEqual([
      'rate',
      'errorRatio',
      'slowRatio',
      'latency',
      'eventLoopUtilization',
      'eventLoopDelay',
      'heap',
    ]);
    const times = history.map((s) => s.time.getTime());
    const rate = data[0]!;
    expect(rate.times).toEqual(times);
    expect(rate.windowSeconds).toEqual([null, 2, 2, 2]);
    expect(rate.series).toEqual([{ name: 'req/s', values: [null, 11, 12, 13] }]);
    expect(data[2]!.title).toBe('Slower than 500 ms');
    expect(data[2]!.series[0]!.values).toEqual([null, 0, 0, 0]);
    expect(data[3]!.series.map((s) => s.name)).toEqual(['p50', 'p95', 'p99']);
    expect(data[3]!.series[2]!.values).toEqual([null, 0.2, 0.30000000000000004, 0.4]);
    expect(data[4]!.series[0]!.values).toEqual([0, 0.1, 0.2, 0.30000000000000004]);
    expect(data[6]!.series[0]!.values).toEqual([50 / 4096, 50 / 4096, 50 / 4096, 50 / 4096]);
  });

  it("draws the service's alert levels: every burn-rate pair of the budget alerts, one threshold otherwise", () => {
    const data = charts(renderDashboard({ snapshots: history, sequence: 4 }));
    const levels = (id: string) => data.find((c) => c.id === id)!.thresholds;
    expect(levels('rate')).toEqual([]);
    expect(levels('errorRatio')).toEqual(
      DEFAULT_THRESHOLDS.errorRatioBurn.map((l) => ({
        signal: 'errorRatio',
        value: l.ratio,
        alert: 'ErrorBudgetBurn',
        severity: l.severity,
        window: l.window,
      })),
    );
    expect(levels('errorRatio').map((l) => `${l.value} ${l.severity} ${l.window}`)).toEqual([
      `${14.4 * 0.005} page 1h`,
      `${6 * 0.005} page 6h`,
      `${3 * 0.005} ticket 1d`,
      `${1 * 0.005} ticket 3d`,
    ]);
    expect(levels('slowRatio').map((l) => [l.alert, l.value])).toEqual(
      DEFAULT_THRESHOLDS.slowRatioBurn.map((l) => ['LatencyBudgetBurn', l.ratio]),
    );
    expect(levels('latency')).toEqual([
      { signal: 'latencyP99Seconds', value: 1, alert: 'LatencyP99High', severity: 'ticket' },
    ]);
    expect(levels('eventLoopUtilization')).toMatchObject([{ value: 0.9, alert: 'EventLoopUtilizationHigh' }]);
    expect(levels('eventLoopDelay')).toMatchObject([{ value: 0.1, alert: 'EventLoopDelayHigh' }]);
    expect(levels('heap')).toMatchObject([{ value: 0.85, alert: 'HeapNearLimit' }]);
  });

  it("with an SLO file, draws each service's own levels, and none for a service the file does not list", () => {
    const slo = [1, 2].map((at) =>
      snapshot(
        at,
        [
          service('orders', at, [okRoute], { thresholds: TIGHT }),
          service('inventory', at, [okRoute], { thresholds: null }),
        ],
        'slo.yaml',
      ),
    );
    const html = renderDashboard({ snapshots: slo, sequence: 2 });
    const orders = charts(sectionOf(html, 'orders'));
    expect(orders.find((c) => c.id === 'errorRatio')!.thresholds[0]).toMatchObject({
      value: 14.4 * 0.001,
      severity: 'page',
      window: '1h',
    });
    expect(orders.find((c) => c.id === 'slowRatio')!.title).toBe('Slower than 250 ms');
    expect(orders.find((c) => c.id === 'latency')!.thresholds.map((t) => t.value)).toEqual([2.5]);
    const inventory = charts(sectionOf(html, 'inventory'));
    expect(inventory.every((c) => c.thresholds.length === 0)).toBe(true);
    expect(html).toContain('thresholds: slo.yaml, as signalkit generate writes its alerts');
    expect(html).toContain('alerts at: 5xx 1.44%/1h 0.6%/6h page, 0.3%/1d 0.1%/3d ticket · &gt;250 ms');
    expect(html).toContain('not in slo.yaml: no alert rules for it, nothing marked');
    // No latency threshold, no slow share: inventory's table has no such column.
    expect(sectionOf(html, 'orders')).toContain('<th class="num">&gt;250 ms</th>');
    expect(sectionOf(html, 'inventory')).not.toMatch(/<th class="num">&gt;/);
  });

  it('draws one path point per value, and none for a gap', () => {
    const html = renderDashboard({ snapshots: history, sequence: 4 });
    const rateChart = /<svg [^>]*data-chart="rate"[^>]*>(.*?)<\/svg>/.exec(html)![1]!;
    const d = /<path class="series s0" data-name="req\/s" d="([^"]*)"/.exec(rateChart)![1]!;
    expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
  });

  it('leaves a gap while a service is down, and keeps its threshold lines', () => {
    const down = [...history, snapshot(4, [service('orders', 4, [okRoute], { up: false })])];
    const html = renderDashboard({ snapshots: down, sequence: 5 });
    expect(charts(html)[0]!.series[0]!.values).toEqual([null, 11, 12, 13, null]);
    expect(charts(html)[1]!.thresholds).toHaveLength(4);
    expect(html).toContain('DOWN: connection refused');
  });

  it('marks what would fire with its severity, and lists it with its alert, service first, then routes', () => {
    const html = renderDashboard({ snapshots: history, sequence: 4 });
    expect(html).toContain('<td class="route">/ok</td>');
    // The route answering 100% 5xx and the service (50%) are far above 14.4 x 0.5%: a page within the hour.
    expect(html).toContain(
      '<td class="num breach page" title="ErrorBudgetBurn: would page if it lasts 1h">100.0%!!</td>',
    );
    expect(fired(html)).toEqual([
      '!! orders: 5xx ratio 50.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)',
      `!! orders GET ${HOSTILE_ROUTE}: 5xx ratio 100.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)`,
    ]);
    expect(html).toContain('<li class="page" data-alert="ErrorBudgetBurn" data-severity="page">');
    expect(html).toMatch(/<ul class="alerts"><li [^>]*>!! orders: .*<h3>Routes over their service/);

    // 2% slower than 500 ms: above the 1% level of the 3-day pair, below the 1-day pair's 3%: a ticket.
    const slow = renderDashboard({
      snapshots: [snapshot(1, [service('orders', 1, [okRoute], { slowRatio: 0.02 })])],
      sequence: 1,
    });
    expect(fired(slow)).toEqual([
      '! orders: requests slower than 500 ms 2.00% > 1% (LatencyBudgetBurn: burning budget, ticket if it lasts 3d)',
    ]);
    expect(slow).toContain(
      '<td class="num breach ticket" title="LatencyBudgetBurn: burning budget, ticket if it lasts 3d">2.0%!</td>',
    );

    const calm = renderDashboard({
      snapshots: [snapshot(1, [service('orders', 1, [okRoute])])],
      sequence: 1,
    });
    expect(calm).not.toContain('breach');
    expect(calm).toContain('nothing would fire');
  });

  it('marks a saturation signal over its threshold in the service line, as a ticket', () => {
    const busy = renderDashboard({
      snapshots: history.slice(0, 1).concat(snapshot(10, [service('orders', 10, [okRoute])])),
      sequence: 2,
    });
    // Event loop 100% busy, over 90%.
    expect(busy).toContain(
      'event loop <span class="breach ticket" title="EventLoopUtilizationHigh: ticket">100.0%!</span> busy',
    );
    expect(fired(busy)).toContain(
      '! orders: event loop utilization 100.0% > 90% (EventLoopUtilizationHigh: ticket)',
    );
  });

  it('escapes route and service names and the SLO file path: a hostile one shows as text and adds no markup', () => {
    const hostile = [
      snapshot(0, [service(HOSTILE_SERVICE, 0, [])], `<i>slo</i>.yaml`),
      snapshot(1, [service(HOSTILE_SERVICE, 1, [hostileRoute])], `<i>slo</i>.yaml`),
    ];
    const html = renderDashboard({ snapshots: hostile, sequence: 2 });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('/x/&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;b&gt;svc&lt;/b&gt;&#39;&amp;&quot;');
    expect(html).toContain('thresholds: &lt;i&gt;slo&lt;/i&gt;.yaml');
    // Only the markup the dashboard writes: the same tags as with harmless names.
    const tags = (text: string) => [...text.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]).sort();
    const harmless = renderDashboard({
      snapshots: [
        snapshot(0, [service('svc', 0, [])], 'slo.yaml'),
        snapshot(1, [service('svc', 1, [{ ...hostileRoute, route: '/x' }])], 'slo.yaml'),
      ],
      sequence: 2,
    });
    expect(tags(html)).toEqual(tags(harmless));
  });
});
