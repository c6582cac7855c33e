import { type AlertName, alertSeverity, type Severity, type SloWindow } from '../../model/alerts.js';
import { setting } from '../formatValues.js';
import type { ServiceSnapshot, TopSnapshot } from '../snapshot.js';
import { type BurnLevel, SIGNAL_ALERTS, type ThresholdSignal, type Thresholds } from '../thresholds.js';

/** What a chart's values are measured in; decides the axis labels. */
export type ChartUnit = 'requests/s' | 'ratio' | 'seconds';

export type ChartId =
  | 'rate'
  | 'errorRatio'
  | 'slowRatio'
  | 'latency'
  | 'eventLoopUtilization'
  | 'eventLoopDelay'
  | 'heap';

export interface ChartSeries {
  readonly name: string;
  /** One per snapshot; `null` where there is no value (no requests, service down, metric absent). */
  readonly values: readonly (number | null)[];
}

/** A level of a chart's signal at which one of the service's generated alerts fires, if it lasts. */
export interface ChartThreshold {
  /** The signal the alert watches (the latency chart's is the p99). */
  readonly signal: ThresholdSignal;
  /** In the chart's unit. */
  readonly value: number;
  readonly alert: AlertName;
  readonly severity: Severity;
  /** Burn-rate levels: the long window of the pair, how long the value must last to fire. */
  readonly window?: SloWindow;
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
  /**
   * The service's alert levels for the signal, from its thresholds (the SLO file's or the defaults), highest
   * first: every burn-rate pair for the 5xx and slow shares, the alert's threshold otherwise. Empty when no
   * alert watches the signal, or none covers the service (not in the SLO file).
   */
  readonly thresholds: readonly ChartThreshold[];
}

/** Tells a service apart across snapshots (one endpoint may serve several). */
export function serviceKey(service: Pick<ServiceSnapshot, 'service' | 'url' | 'instance'>): string {
  return `${service.url}\u0000${service.instance ?? ''}\u0000${service.service}`;
}

type Pick1 = (s: ServiceSnapshot) => number | null;

interface Spec {
  readonly id: ChartId;
  readonly title: string | ((t: Thresholds | null) => string);
  readonly unit: ChartUnit;
  readonly series: readonly { readonly name: string; readonly value: Pick1 }[];
  readonly thresholds: (t: Thresholds) => ChartThreshold[];
}

/** The burn-rate levels of a budget alert, as the service's thresholds hold them. */
function burn(signal: ThresholdSignal, levels: readonly BurnLevel[]): ChartThreshold[] {
  return levels.map(({ ratio, severity, window }) => ({
    signal,
    value: ratio,
    alert: SIGNAL_ALERTS[signal],
    severity,
    window,
  }));
}

/** The one threshold of an alert with a single level, at the severity its rule has. */
function single(signal: ThresholdSignal, value: number): ChartThreshold[] {
  const alert = SIGNAL_ALERTS[signal];
  return [{ signal, value, alert, severity: alertSeverity(alert) }];
}

const SPECS: readonly Spec[] = [
  {
    id: 'rate',
    title: 'Requests per second',
    unit: 'requests/s',
    series: [{ name: 'req/s', value: (s) => s.total?.rate ?? null }],
    thresholds: () => [],
  },
  {
    id: 'errorRatio',
    title: '5xx ratio',
    unit: 'ratio',
    series: [{ name: '5xx', value: (s) => s.total?.errorRatio ?? null }],
    thresholds: (t) => burn('errorRatio', t.errorRatioBurn),
  },
  {
    id: 'slowRatio',
    title: (t) =>
      t === null
        ? 'Slow requests (no latency SLO)'
        : `Slower than ${setting('latencyP99Seconds', t.latencyThresholdSeconds)}`,
    unit: 'ratio',
    series: [{ name: 'slow', value: (s) => s.total?.slowRatio ?? null }],
    thresholds: (t) => burn('slowRatio', t.slowRatioBurn),
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
    thresholds: (t) => single('latencyP99Seconds', t.latencyP99Seconds),
  },
  {
    id: 'eventLoopUtilization',
    title: 'Event loop utilization',
    unit: 'ratio',
    series: [{ name: 'busy', value: (s) => s.saturation.eventLoopUtilization }],
    thresholds: (t) => single('eventLoopUtilization', t.eventLoopUtilization),
  },
  {
    id: 'eventLoopDelay',
    title: 'Event loop delay',
    unit: 'seconds',
    series: [{ name: 'p99', value: (s) => s.saturation.eventLoopDelayP99Seconds }],
    thresholds: (t) => single('eventLoopDelayP99Seconds', t.eventLoopDelayP99Seconds),
  },
  {
    id: 'heap',
    title: 'Heap used / limit',
    unit: 'ratio',
    series: [{ name: 'used', value: (s) => s.saturation.heapUsedRatio }],
    thresholds: (t) => single('heapUsedRatio', t.heapUsedRatio),
  },
];

/**
 * The charts of one service over the kept snapshots, oldest first. A snapshot where the service is
 * absent or down gives `null`s: a gap, rather than its last values drawn again. The threshold lines are
 * the service's own (its latest snapshot's; they stay the same for the whole run).
 */
export function chartData(snapshots: readonly TopSnapshot[], key: string): ChartData[] {
  const found = snapshots.map((snapshot) => snapshot.services.find((s) => serviceKey(s) === key));
  const services = found.map((service) => (service?.up === true ? service : undefined));
  const thresholds = found.findLast((service) => service !== undefined)?.thresholds ?? null;
  return SPECS.map((spec) => ({
    id: spec.id,
    title: typeof spec.title === 'string' ? spec.title : spec.title(thresholds),
    unit: spec.unit,
    times: snapshots.map((s) => s.time.getTime()),
    windowSeconds: services.map((s) => s?.windowSeconds ?? null),
    series: spec.series.map(({ name, value }) => ({
      name,
      values: services.map((s) => (s === undefined ? null : value(s))),
    })),
    thresholds: thresholds === null ? [] : spec.thresholds(thresholds),
  }));
}
