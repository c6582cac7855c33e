import { describe, expect, it } from 'vitest';
import type { RouteSignals, ServiceSnapshot, TopSnapshot, TrafficSignals } from '../snapshot.js';
import { DEFAULT_THRESHOLDS, evaluateThresholds } from '../thresholds.js';
import type { ChartData } from './chartData.js';
import { renderDashboard } from './renderDashboard.js';

const HOSTILE_ROUTE = `/x/"><img src=x onerror="alert(1)"></td></table><script>alert(2)</script>`;
const HOSTILE_SERVICE = `<b>svc</b>'&"`;

function traffic(rate: number, errorRatio: number, p99: number): TrafficSignals {
  return {
    requests: rate * 2,
    rate,
    errors: rate * 2 * errorRatio,
    errorRatio,
    p50Seconds: p99 / 4,
    p95Seconds: p99 / 2,
    p99Seconds: p99,
    statuses: { '200': rate * 2 },
  };
}

function service(name: string, at: number, routes: RouteSignals[], up = true): ServiceSnapshot {
  const total = traffic(10 + at, routes.some((r) => (r.errorRatio ?? 0) > 0) ? 0.5 : 0, 0.1 * (at + 1));
  const saturation = {
    eventLoopUtilization: 0.1 * at,
    eventLoopDelayP99Seconds: 0.02,
    heapUsedBytes: 50 * 2 ** 20,
    heapLimitBytes: 4 * 2 ** 30,
    heapUsedRatio: 50 / 4096,
  };
  return {
    service: name,
    url: `http://127.0.0.1:9464/metrics`,
    instance: null,
    up,
    error: up ? null : 'connection refused',
    windowSeconds: at === 0 ? null : 2,
    total: at === 0 ? null : total,
    routes: at === 0 ? [] : routes,
    inFlight: 1,
    saturation,
    logs: null,
    breaches:
      at === 0
        ? []
        : evaluateThresholds({ service: name, total, routes, saturation }, () => DEFAULT_THRESHOLDS),
  };
}

function snapshot(at: number, services: ServiceSnapshot[]): TopSnapshot {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 12, 0, 2 * at)),
    intervalSeconds: 2,
    thresholds: DEFAULT_THRESHOLDS,
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

/** The `data-series` of each chart of a service, parsed as a browser would read the attribute. */
function charts(html: string): ChartData[] {
  return [...html.matchAll(/data-series="([^"]*)"/g)].map((m) =>
    JSON.parse(
      (m[1] as string)
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'")
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&'),
    ),
  );
}

describe('renderDashboard', () => {
  const history = [0, 1, 2, 3].map((at) => snapshot(at, [service('orders', at, [okRoute, hostileRoute])]));

  it('says it waits when there is no snapshot yet', () => {
    expect(renderDashboard({ snapshots: [], sequence: 0 })).toContain('waiting for the first scrape');
  });

  it('draws six charts per service whose data are the snapshots values, a gap where there is none', () => {
    const html = renderDashboard({ snapshots: history, sequence: 4 });
    expect(html).toContain('data-seq="4"');
    const data = charts(html);
    expect(data.map((c) => c.id)).toEqual([
      'rate',
      'errorRatio',
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
    expect(data[1]!.threshold).toBe(DEFAULT_THRESHOLDS.errorRatio);
    expect(data[2]!.series.map((s) => s.name)).toEqual(['p50', 'p95', 'p99']);
    expect(data[2]!.series[2]!.values).toEqual([null, 0.2, 0.30000000000000004, 0.4]);
    expect(data[3]!.series[0]!.values).toEqual([0, 0.1, 0.2, 0.30000000000000004]);
    expect(data[5]!.series[0]!.values).toEqual([50 / 4096, 50 / 4096, 50 / 4096, 50 / 4096]);
  });

  it('draws one path point per value, and none for a gap', () => {
    const html = renderDashboard({ snapshots: history, sequence: 4 });
    const rateChart = /<svg [^>]*data-chart="rate"[^>]*>(.*?)<\/svg>/.exec(html)![1]!;
    const d = /<path class="series s0" data-name="req\/s" d="([^"]*)"/.exec(rateChart)![1]!;
    expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'L']);
  });

  it('leaves a gap while a service is down', () => {
    const down = [...history, snapshot(4, [service('orders', 4, [okRoute], false)])];
    const html = renderDashboard({ snapshots: down, sequence: 5 });
    expect(charts(html)[0]!.series[0]!.values).toEqual([null, 11, 12, 13, null]);
    expect(html).toContain('DOWN: connection refused');
  });

  it('lists the routes of the latest snapshot and marks what would fire', () => {
    const html = renderDashboard({ snapshots: history, sequence: 4 });
    expect(html).toContain('<td class="route">/ok</td>');
    // The route answering 100% 5xx is over the 5% threshold, in the table and in the list.
    expect(html).toContain('<td class="num breach">100.0%!</td>');
    expect(html).toMatch(
      /<section class="fire"><h2>Would fire<\/h2><ul><li>orders: 5xx ratio 50\.0% &gt; 5%<\/li>/,
    );
    const calm = renderDashboard({
      snapshots: [snapshot(1, [service('orders', 1, [okRoute])])],
      sequence: 1,
    });
    expect(calm).not.toContain('breach');
    expect(calm).toContain('nothing would fire');
  });

  it('escapes route and service names: a hostile one shows as text and adds no markup', () => {
    const hostile = [
      snapshot(0, [service(HOSTILE_SERVICE, 0, [])]),
      snapshot(1, [service(HOSTILE_SERVICE, 1, [hostileRoute])]),
    ];
    const html = renderDashboard({ snapshots: hostile, sequence: 2 });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('/x/&quot;&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;b&gt;svc&lt;/b&gt;&#39;&amp;&quot;');
    // Only the markup the dashboard writes: the same tags as with harmless names.
    const tags = (text: string) => [...text.matchAll(/<([a-z]+)/g)].map((m) => m[1]).sort();
    const harmless = renderDashboard({
      snapshots: [
        snapshot(0, [service('svc', 0, [])]),
        snapshot(1, [service('svc', 1, [{ ...hostileRoute, route: '/x' }])]),
      ],
      sequence: 2,
    });
    expect(tags(html)).toEqual(tags(harmless));
  });
});
