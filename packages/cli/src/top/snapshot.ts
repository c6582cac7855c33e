import { LOG_ALERT_LEVELS } from '../model/alerts.js';
import { type Bucket, histogramQuantile } from '../prometheus/histogramQuantile.js';
import type { DurationSeries, ServiceReading } from './readSignals.js';
import {
  type Breach,
  evaluateThresholds,
  type RouteRef,
  type ThresholdInput,
  type ThresholdSource,
  type Thresholds,
} from './thresholds.js';

/** Traffic, errors and latency over the window between two scrapes. */
export interface TrafficSignals {
  /** Requests that finished in the window. */
  readonly requests: number;
  /** Requests per second. */
  readonly rate: number;
  /** Of which answered 5xx (or failed without a status). */
  readonly errors: number;
  /** `errors / requests`; `null` without requests. */
  readonly errorRatio: number | null;
  /**
   * Share of requests slower than the service's latency threshold (its SLO's, a bucket bound), from the
   * buckets as the latency SLI rule counts it; `null` without requests, thresholds or that bucket.
   */
  readonly slowRatio: number | null;
  /** Latency quantiles in seconds, estimated from the histogram buckets; `null` without requests. */
  readonly p50Seconds: number | null;
  readonly p95Seconds: number | null;
  readonly p99Seconds: number | null;
  /** Requests by status code (`"none"` when there was none). */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface RouteSignals extends RouteRef, TrafficSignals {
  /** The cardinality guard's catch-all series: many routes in one row. */
  readonly overflow: boolean;
}

export interface SaturationSignals {
  readonly eventLoopUtilization: number | null;
  readonly eventLoopDelayP99Seconds: number | null;
  readonly heapUsedBytes: number | null;
  readonly heapLimitBytes: number | null;
  readonly heapUsedRatio: number | null;
  /** CPU cores used (user + system CPU seconds per second over the window); `null` after one scrape. */
  readonly cpuCores: number | null;
}

export interface LogSignals {
  /** Records at level error or worse, per minute; `null` until there are two scrapes. */
  readonly errorsPerMinute: number | null;
  readonly perMinuteByLevel: Readonly<Record<string, number>>;
}

/** One service as `signalkit top` shows it. */
export interface ServiceSnapshot {
  readonly service: string;
  readonly url: string;
  readonly instance: string | null;
  /** False when the latest scrape failed; the values are then from the scrapes before. */
  readonly up: boolean;
  /** Why the latest scrape failed. */
  readonly error: string | null;
  /** Seconds between the two scrapes compared; `null` after the first scrape. */
  readonly windowSeconds: number | null;
  /** All routes together; `null` after the first scrape. */
  readonly total: TrafficSignals | null;
  /** Busiest first. */
  readonly routes: readonly RouteSignals[];
  /** Requests in flight at the latest scrape (all methods). */
  readonly inFlight: number | null;
  readonly saturation: SaturationSignals;
  /** `null` when the service exports no log-records counter. */
  readonly logs: LogSignals | null;
  /** The thresholds the service was checked against; `null` when no alert rule covers it (not in the SLO file). */
  readonly thresholds: Thresholds | null;
  /** What would fire. */
  readonly breaches: readonly Breach[];
}

/** What one refresh of `signalkit top` shows: every service of every endpoint, busiest first. */
export interface TopSnapshot {
  /** When the latest scrape finished. */
  readonly time: Date;
  readonly intervalSeconds: number;
  /** Where the thresholds come from: the SLO file as given, or `defaults`. */
  readonly thresholdsFrom: string;
  readonly services: readonly ServiceSnapshot[];
}

/** Log levels counted as errors (winston, pino, syslog and OpenTelemetry severity names). */
const ERROR_LEVELS = new Set(['error', 'fatal', 'crit', 'critical', 'alert', 'emerg', 'emergency']);

/** The histogram's growth in the window; the whole current value after a counter reset (restart). */
function seriesDelta(
  previous: DurationSeries | undefined,
  current: DurationSeries,
): { buckets: Map<number, number>; count: number } {
  if (previous === undefined || current.count < previous.count) {
    return { buckets: current.buckets, count: current.count };
  }
  const buckets = new Map<number, number>();
  for (const [le, count] of current.buckets) buckets.set(le, count - (previous.buckets.get(le) ?? 0));
  return { buckets, count: current.count - previous.count };
}

class TrafficAccumulator {
  requests = 0;
  errors = 0;
  readonly buckets = new Map<number, number>();
  readonly statuses: Record<string, number> = {};

  add(series: DurationSeries, delta: { buckets: Map<number, number>; count: number }): void {
    this.requests += delta.count;
    if (series.error) this.errors += delta.count;
    if (delta.count > 0) {
      const status = series.status === null ? 'none' : String(series.status);
      this.statuses[status] = (this.statuses[status] ?? 0) + delta.count;
    }
    for (const [le, count] of delta.buckets) this.buckets.set(le, (this.buckets.get(le) ?? 0) + count);
  }

  signals(windowSeconds: number, latencyThresholdSeconds: number | undefined): TrafficSignals {
    const fast =
      latencyThresholdSeconds === undefined ? undefined : this.buckets.get(latencyThresholdSeconds);
    const buckets: Bucket[] = [...this.buckets].map(([le, count]) => ({ le, count }));
    const quantile = (q: number) => {
      const value = histogramQuantile(q, buckets);
      return this.requests > 0 && Number.isFinite(value) ? value : null;
    };
    return {
      requests: this.requests,
      rate: windowSeconds > 0 ? this.requests / windowSeconds : 0,
      errors: this.errors,
      errorRatio: this.requests > 0 ? this.errors / this.requests : null,
      slowRatio: this.requests > 0 && fast !== undefined ? 1 - fast / this.requests : null,
      p50Seconds: quantile(0.5),
      p95Seconds: quantile(0.95),
      p99Seconds: quantile(0.99),
      statuses: this.statuses,
    };
  }
}

function compareRoutes(a: RouteSignals, b: RouteSignals): number {
  return (
    b.rate - a.rate ||
    String(a.route).localeCompare(String(b.route)) ||
    String(a.method).localeCompare(String(b.method))
  );
}

function logSignals(
  previous: ServiceReading | undefined,
  current: ServiceReading,
  windowSeconds: number | null,
): LogSignals | null {
  if (current.logRecords === null) return null;
  if (previous === undefined || windowSeconds === null || windowSeconds <= 0)
    return { errorsPerMinute: null, perMinuteByLevel: {} };
  const perMinuteByLevel: Record<string, number> = {};
  let errors = 0;
  for (const [level, count] of current.logRecords) {
    const before = previous.logRecords?.get(level) ?? 0;
    const delta = count < before ? count : count - before;
    perMinuteByLevel[level] = (delta / windowSeconds) * 60;
    if (ERROR_LEVELS.has(level.toLowerCase())) errors += delta;
  }
  return { errorsPerMinute: (errors / windowSeconds) * 60, perMinuteByLevel };
}

/** Per minute, the log levels the log alerts count (exactly those levels, as their rules select them). */
function alertedLogs(logs: LogSignals): ThresholdInput['logs'] {
  if (logs.errorsPerMinute === null) return { errorsPerMinute: null, warningsPerMinute: null };
  return {
    errorsPerMinute: logs.perMinuteByLevel[LOG_ALERT_LEVELS.ErrorLogsHigh] ?? 0,
    warningsPerMinute: logs.perMinuteByLevel[LOG_ALERT_LEVELS.WarningLogsHigh] ?? 0,
  };
}

/** CPU seconds per second over the window, as the rule's `rate()` of the CPU time counter (all modes). */
function cpuCores(
  previous: ServiceReading | undefined,
  current: ServiceReading,
  windowSeconds: number | null,
): number | null {
  if (windowSeconds === null || windowSeconds <= 0 || current.cpuSeconds === null) return null;
  const before = previous?.cpuSeconds ?? null;
  if (before === null) return null;
  // A counter that went down: the process restarted and all of its CPU time is new.
  const delta = current.cpuSeconds < before ? current.cpuSeconds : current.cpuSeconds - before;
  return delta / windowSeconds;
}

/**
 * The golden signals of a service from two of its readings: rates and latency quantiles from the
 * growth of the counters and buckets between them (as PromQL's `rate()` and `histogram_quantile()`
 * would over that window), gauges from the latest. With one reading, only the gauges.
 */
export function serviceSnapshot(
  previous: ServiceReading | undefined,
  current: ServiceReading,
  thresholds: ThresholdSource,
  failure?: string,
): ServiceSnapshot {
  const limits = thresholds(current.service);
  const slowAbove = limits?.latencyThresholdSeconds;
  const windowSeconds = previous === undefined ? null : (current.atMillis - previous.atMillis) / 1000;
  let total: TrafficSignals | null = null;
  const routes: RouteSignals[] = [];
  if (previous !== undefined && windowSeconds !== null) {
    const all = new TrafficAccumulator();
    const byRoute = new Map<string, { ref: RouteRef; overflow: boolean; traffic: TrafficAccumulator }>();
    for (const [key, series] of current.duration) {
      const delta = seriesDelta(previous.duration.get(key), series);
      all.add(series, delta);
      const routeKey = `${series.method}\u0000${series.route}\u0000${series.overflow}`;
      let route = byRoute.get(routeKey);
      if (route === undefined) {
        route = {
          ref: { method: series.method, route: series.route },
          overflow: series.overflow,
          traffic: new TrafficAccumulator(),
        };
        byRoute.set(routeKey, route);
      }
      route.traffic.add(series, delta);
    }
    total = all.signals(windowSeconds, slowAbove);
    for (const { ref, overflow, traffic } of byRoute.values())
      routes.push({
        ...ref,
        overflow,
        ...traffic.signals(windowSeconds, thresholds(current.service, ref)?.latencyThresholdSeconds),
      });
    routes.sort(compareRoutes);
  }
  const heapUsedRatio =
    current.heapUsedBytes !== null && current.heapLimitBytes !== null && current.heapLimitBytes > 0
      ? current.heapUsedBytes / current.heapLimitBytes
      : null;
  const saturation: SaturationSignals = {
    eventLoopUtilization: current.eventLoopUtilization,
    eventLoopDelayP99Seconds: current.eventLoopDelayP99Seconds,
    heapUsedBytes: current.heapUsedBytes,
    heapLimitBytes: current.heapLimitBytes,
    heapUsedRatio,
    cpuCores: cpuCores(previous, current, windowSeconds),
  };
  const logs = logSignals(previous, current, windowSeconds);
  const input: ThresholdInput = {
    service: current.service,
    total,
    routes,
    saturation,
    logs: logs === null ? null : alertedLogs(logs),
  };
  const breaches = evaluateThresholds(input, thresholds);
  return {
    service: current.service,
    url: current.url,
    instance: current.instance ?? null,
    up: failure === undefined,
    error: failure ?? null,
    windowSeconds,
    total,
    routes,
    inFlight: current.inFlight,
    saturation,
    logs,
    thresholds: limits,
    breaches,
  };
}

/** Services busiest first; those not measured yet last, by name. */
export function compareServices(a: ServiceSnapshot, b: ServiceSnapshot): number {
  return (b.total?.rate ?? -1) - (a.total?.rate ?? -1) || a.service.localeCompare(b.service);
}
