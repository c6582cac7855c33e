import type { ServiceSnapshot, TopSnapshot } from '../snapshot.js';

/** What a chart's values are measured in; decides the axis labels. */
export type ChartUnit = 'requests/s' | 'ratio' | 'seconds';

export type ChartId = 'rate' | 'errorRatio' | 'latency' | 'eventLoopUtilization' | 'eventLoopDelay' | 'heap';

export interface ChartSeries {
  readonly name: string;
  /** One per snapshot; `null` where there is no value (no requests, service down, metric absent). */
  readonly values: readonly (number | null)[];
}

/**
 * The data one chart of a service draws: one value per kept snapshot and series. The page carries it
 * as JSON on the chart (`data-series`), so what is drawn can be checked against `/api/snapshots`.
 */
export interface ChartData {
  readonly id: ChartId;
  readonly title: string;
  readonly unit: ChartUnit;
  /** Snapshot times, epoch milliseconds. */
  readonly times: readonly number[];
  /** The window each value was measured over (rates, ratios and quantiles), seconds. */
  readonly windowSeconds: readonly (number | null)[];
  readonly series: readonly ChartSeries[];
  /** The level above which the signal would fire; `null` when none applies. */
  readonly threshold: number | null;
}

/** Tells a service apart across snapshots (one endpoint may serve several). */
export function serviceKey(service: Pick<ServiceSnapshot, 'service' | 'url' | 'instance'>): string {
  return `${service.url}\u0000${service.instance ?? ''}\u0000${service.service}`;
}

type Pick1 = (s: ServiceSnapshot) => number | null;

interface Spec {
  readonly id: ChartId;
  readonly title: string;
  readonly unit: ChartUnit;
  readonly series: readonly { readonly name: string; readonly value: Pick1 }[];
  readonly threshold: (snapshot: TopSnapshot) => number | null;
}

const SPECS: readonly Spec[] = [
  {
    id: 'rate',
    title: 'Requests per second',
    unit: 'requests/s',
    series: [{ name: 'req/s', value: (s) => s.total?.rate ?? null }],
    threshold: () => null,
  },
  {
    id: 'errorRatio',
    title: '5xx ratio',
    unit: 'ratio',
    series: [{ name: '5xx', value: (s) => s.total?.errorRatio ?? null }],
    threshold: (t) => t.thresholds.errorRatio,
  },
  {
    id: 'latency',
    title: 'Latency',
    unit: 'seconds',
    series: [
      { name: 'p50', value: (s) => s.total?.p50Seconds ?? null },
      { name: 'p95', value: (s) => s.total?.p95Seconds ?? null },
      { name: 'p99', value: (s) => s.total?.p99Seconds ?? null },
    ],
    threshold: (t) => t.thresholds.latencyP99Seconds,
  },
  {
    id: 'eventLoopUtilization',
    title: 'Event loop utilization',
    unit: 'ratio',
    series: [{ name: 'busy', value: (s) => s.saturation.eventLoopUtilization }],
    threshold: (t) => t.thresholds.eventLoopUtilization,
  },
  {
    id: 'eventLoopDelay',
    title: 'Event loop delay',
    unit: 'seconds',
    series: [{ name: 'p99', value: (s) => s.saturation.eventLoopDelayP99Seconds }],
    threshold: () => null,
  },
  {
    id: 'heap',
    title: 'Heap used / limit',
    unit: 'ratio',
    series: [{ name: 'used', value: (s) => s.saturation.heapUsedRatio }],
    threshold: (t) => t.thresholds.heapUsedRatio,
  },
];

/**
 * The charts of one service over the kept snapshots, oldest first. A snapshot where the service is
 * absent or down gives `null`s: a gap, rather than its last values drawn again.
 */
export function chartData(snapshots: readonly TopSnapshot[], key: string): ChartData[] {
  const services = snapshots.map((snapshot) => {
    const service = snapshot.services.find((s) => serviceKey(s) === key);
    return service?.up === true ? service : undefined;
  });
  const latest = snapshots.at(-1);
  return SPECS.map((spec) => ({
    id: spec.id,
    title: spec.title,
    unit: spec.unit,
    times: snapshots.map((s) => s.time.getTime()),
    windowSeconds: services.map((s) => s?.windowSeconds ?? null),
    series: spec.series.map(({ name, value }) => ({
      name,
      values: services.map((s) => (s === undefined ? null : value(s))),
    })),
    threshold: latest === undefined ? null : spec.threshold(latest),
  }));
}
