import type { AlertName, Severity } from '../generate/alertRules.js';
import { alertSeverity } from './sloThresholds.js';

/**
 * The levels above which `signalkit top` marks a signal, for one service: the numbers of the alert rules
 * `signalkit generate` writes for it, turned into what top can check on the window between two scrapes.
 * Built from an SLO file or from its defaults by {@link thresholdsFromSlo} (sloThresholds.ts).
 */
export interface Thresholds {
  /**
   * Share of requests answered 5xx above which the ErrorBudgetBurn page would fire if it lasted: the
   * fastest page burn rate times the error budget (14.4 x 0.005 = 7.2% for 99.5%).
   */
  readonly errorRatioPage: number;
  /** The same for the slowest ticket burn rate (1 x the budget): the error budget is burning. */
  readonly errorRatioTicket: number;
  /** The SLO's latency threshold in seconds (a bucket bound): a slower request counts against the budget. */
  readonly latencyThresholdSeconds: number;
  /** Share of requests slower than the latency threshold above which LatencyBudgetBurn would page. */
  readonly slowRatioPage: number;
  /** The same at the slowest ticket burn rate: the latency budget is burning. */
  readonly slowRatioTicket: number;
  /** p99 of the request duration (seconds) above which LatencyP99High fires. */
  readonly latencyP99Seconds: number;
  /** Event loop utilization (0..1) above which EventLoopUtilizationHigh fires. */
  readonly eventLoopUtilization: number;
  /** Event loop delay p99 (seconds) above which EventLoopDelayHigh fires. */
  readonly eventLoopDelayP99Seconds: number;
  /** Heap used over its limit (0..1) above which HeapNearLimit fires. */
  readonly heapUsedRatio: number;
  /** CPU cores used (user + system) above which CpuSaturated fires. */
  readonly cpuCores: number;
  /** Error log records per minute above which ErrorLogsHigh fires. */
  readonly errorLogsPerMinute: number;
  /** Warning log records per minute above which WarningLogsHigh fires. */
  readonly warningLogsPerMinute: number;
}

/** A route of a service, as top shows it. */
export interface RouteRef {
  readonly method: string | null;
  /** The route template; `null` when the service reported none (404s, unmatched paths). */
  readonly route: string | null;
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
 * A signal above its threshold: the alert that would fire if the value lasted. For the burn-rate alerts
 * `page` means above the fastest page burn rate and `ticket` above the slowest ticket one (the budget is
 * burning); the other alerts have one severity, the rule's. `route` is absent for a service-wide signal;
 * the rules are per service, so a route's breach says where a service's breach comes from.
 */
export interface Breach {
  readonly signal: ThresholdSignal;
  readonly alert: AlertName;
  readonly severity: Severity;
  readonly route?: RouteRef;
  readonly value: number;
  readonly threshold: number;
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
  ) => {
    const alert = SIGNAL_ALERTS[signal];
    breaches.push(
      route === undefined
        ? { signal, alert, severity, value, threshold }
        : { signal, alert, severity, route, value, threshold },
    );
  };
  const check = (signal: ThresholdSignal, value: number | null, threshold: number, route?: RouteRef) => {
    if (value !== null && value > threshold)
      push(signal, alertSeverity(SIGNAL_ALERTS[signal]), value, threshold, route);
  };
  // A burn-rate alert: the page mark when above the page level, else the ticket mark when above the budget.
  const burn = (
    signal: ThresholdSignal,
    value: number | null,
    page: number,
    ticket: number,
    route?: RouteRef,
  ) => {
    if (value === null) return;
    if (value > page) push(signal, 'page', value, page, route);
    else if (value > ticket) push(signal, 'ticket', value, ticket, route);
  };
  const traffic = (t: Thresholds, signals: TrafficInput, route?: RouteRef) => {
    burn('errorRatio', signals.errorRatio, t.errorRatioPage, t.errorRatioTicket, route);
    burn('slowRatio', signals.slowRatio, t.slowRatioPage, t.slowRatioTicket, route);
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
