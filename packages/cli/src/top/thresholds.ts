import { type AlertName, alertSeverity, type Severity, type SloWindow } from '../model/alerts.js';
import type { BurnLevel, Thresholds } from '../model/thresholds.js';

export type { BurnLevel, Thresholds } from '../model/thresholds.js';

/** A route of a service, as top shows it. */
export interface RouteRef {
  readonly method: string | null;
  /** The route template; `null` when the service reported none (404s, unmatched paths). */
  readonly route: string | null;
}

/** Whether two route references name the same route; `undefined` (the service as a whole) only matches itself. */
export function sameRoute(a: RouteRef | undefined, b: RouteRef | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.method === b.method && a.route === b.route;
}

/**
 * The thresholds for a service, or one of its routes when `route` is given; `null` when no alert rule
 * covers the service (it is not in the SLO file), so nothing can fire for it.
 */
export type ThresholdSource = (service: string, route?: RouteRef) => Thresholds | null;

/** Where top's thresholds come from, and what they are for each service. */
export interface TopThresholds {
  /** The SLO file as given on the command line, or `defaults` (signalkit's SLO defaults for every service). */
  readonly from: string;
  readonly source: ThresholdSource;
}

export type ThresholdSignal =
  | 'errorRatio'
  | 'slowRatio'
  | 'latencyP99Seconds'
  | 'eventLoopUtilization'
  | 'eventLoopDelayP99Seconds'
  | 'heapUsedRatio'
  | 'cpuCores'
  | 'errorLogsPerMinute'
  | 'warningLogsPerMinute';

/** The generated alert each signal stands for. */
export const SIGNAL_ALERTS: Readonly<Record<ThresholdSignal, AlertName>> = Object.freeze({
  errorRatio: 'ErrorBudgetBurn',
  slowRatio: 'LatencyBudgetBurn',
  latencyP99Seconds: 'LatencyP99High',
  eventLoopUtilization: 'EventLoopUtilizationHigh',
  eventLoopDelayP99Seconds: 'EventLoopDelayHigh',
  heapUsedRatio: 'HeapNearLimit',
  cpuCores: 'CpuSaturated',
  errorLogsPerMinute: 'ErrorLogsHigh',
  warningLogsPerMinute: 'WarningLogsHigh',
});

/**
 * A signal above its threshold: the alert that would fire if the value lasted, with its severity. For a
 * burn-rate alert, the highest level exceeded: its severity, and `window`, how long the ratio must last.
 * `route` is absent for a service-wide signal; the rules are per service, so a route's breach says where
 * a service's breach comes from.
 */
export interface Breach {
  readonly signal: ThresholdSignal;
  readonly alert: AlertName;
  readonly severity: Severity;
  readonly route?: RouteRef;
  readonly value: number;
  readonly threshold: number;
  /** Burn-rate alerts: the long window of the pair whose level the value is above. */
  readonly window?: SloWindow;
}

interface TrafficInput {
  readonly errorRatio: number | null;
  readonly slowRatio: number | null;
  readonly p99Seconds: number | null;
}

/** The values of one service that thresholds apply to (a subset of its snapshot). */
export interface ThresholdInput {
  readonly service: string;
  readonly total: TrafficInput | null;
  readonly routes: readonly (RouteRef & TrafficInput)[];
  readonly saturation: {
    readonly eventLoopUtilization: number | null;
    readonly eventLoopDelayP99Seconds: number | null;
    readonly heapUsedRatio: number | null;
    readonly cpuCores: number | null;
  };
  /** Log records per minute of the levels the log alerts select; `null` without a log-records counter. */
  readonly logs: {
    readonly errorsPerMinute: number | null;
    readonly warningsPerMinute: number | null;
  } | null;
}

/** The signals of a service above their thresholds: the service as a whole, then each route. */
export function evaluateThresholds(input: ThresholdInput, source: ThresholdSource): Breach[] {
  const breaches: Breach[] = [];
  const push = (
    signal: ThresholdSignal,
    severity: Severity,
    value: number,
    threshold: number,
    route?: RouteRef,
    window?: SloWindow,
  ) => {
    breaches.push({
      signal,
      alert: SIGNAL_ALERTS[signal],
      severity,
      ...(route === undefined ? {} : { route }),
      value,
      threshold,
      ...(window === undefined ? {} : { window }),
    });
  };
  const check = (signal: ThresholdSignal, value: number | null, threshold: number, route?: RouteRef) => {
    if (value !== null && value > threshold)
      push(signal, alertSeverity(SIGNAL_ALERTS[signal]), value, threshold, route);
  };
  // A burn-rate alert: the highest level exceeded (levels come highest first; pages above tickets).
  const burn = (
    signal: ThresholdSignal,
    value: number | null,
    levels: readonly BurnLevel[],
    route?: RouteRef,
  ) => {
    if (value === null) return;
    const level = levels.find((l) => value > l.ratio);
    if (level !== undefined) push(signal, level.severity, value, level.ratio, route, level.window);
  };
  const traffic = (t: Thresholds, signals: TrafficInput, route?: RouteRef) => {
    burn('errorRatio', signals.errorRatio, t.errorRatioBurn, route);
    burn('slowRatio', signals.slowRatio, t.slowRatioBurn, route);
    check('latencyP99Seconds', signals.p99Seconds, t.latencyP99Seconds, route);
  };
  const service = source(input.service);
  if (service !== null) {
    if (input.total !== null) traffic(service, input.total);
    const s = input.saturation;
    check('eventLoopUtilization', s.eventLoopUtilization, service.eventLoopUtilization);
    check('eventLoopDelayP99Seconds', s.eventLoopDelayP99Seconds, service.eventLoopDelayP99Seconds);
    check('heapUsedRatio', s.heapUsedRatio, service.heapUsedRatio);
    check('cpuCores', s.cpuCores, service.cpuCores);
    check('errorLogsPerMinute', input.logs?.errorsPerMinute ?? null, service.errorLogsPerMinute);
    check('warningLogsPerMinute', input.logs?.warningsPerMinute ?? null, service.warningLogsPerMinute);
  }
  for (const route of input.routes) {
    const ref = { method: route.method, route: route.route };
    const limits = source(input.service, ref);
    if (limits !== null) traffic(limits, route, ref);
  }
  return breaches;
}
