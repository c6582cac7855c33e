/**
 * The alert model: which alerts exist, how urgent each is, the burn-rate pairs and windows of the SLO
 * alerts, the log levels the log alerts count. `generate` writes rules from it; `top` and `doctor` read it to
 * say which alert a value leads to. Rendering (PromQL, annotations) stays in generate/.
 */

/** `page`: someone acts now, day or night. `ticket`: someone acts within a working day. */
export type Severity = 'page' | 'ticket';

/**
 * Every alert name, in the order of the runbook in docker/README.md (each has a section there whose
 * anchor is the lower-cased name).
 */
export const ALERT_NAMES = [
  'ErrorBudgetBurn',
  'LatencyBudgetBurn',
  'LatencyP99High',
  'TrafficStopped',
  'TrafficDropped',
  'TargetDown',
  'EventLoopUtilizationHigh',
  'EventLoopDelayHigh',
  'HeapNearLimit',
  'CpuSaturated',
  'ErrorLogsHigh',
  'WarningLogsHigh',
] as const;
export type AlertName = (typeof ALERT_NAMES)[number];

/** The budget alerts: a page and a ticket rule each, one per burn-rate severity. */
export type BurnAlertName = 'ErrorBudgetBurn' | 'LatencyBudgetBurn';

/** The severity of every alert that has one rule. */
export const ALERT_SEVERITY: Readonly<Record<Exclude<AlertName, BurnAlertName>, Severity>> = Object.freeze({
  LatencyP99High: 'ticket',
  TrafficStopped: 'page',
  TrafficDropped: 'ticket',
  TargetDown: 'page',
  EventLoopUtilizationHigh: 'ticket',
  EventLoopDelayHigh: 'ticket',
  HeapNearLimit: 'ticket',
  CpuSaturated: 'ticket',
  ErrorLogsHigh: 'ticket',
  WarningLogsHigh: 'ticket',
});

/** Windows of the multi-window, multi-burn-rate alerts (SRE workbook, chapter 5). */
export const SLO_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type SloWindow = (typeof SLO_WINDOWS)[number];

/**
 * The burn-rate pairs of the SRE workbook (chapter 5, "multiwindow, multi-burn-rate alerts") for a
 * 30-day SLO: a page when 2% of the budget goes in an hour or 5% in six hours, a ticket when 10% goes
 * in a day or in three days. Each long window is paired with a short one (1/12 of it) so the alert
 * stops soon after the burning does.
 */
export const BURN_RATES: Readonly<
  Record<Severity, readonly { long: SloWindow; short: SloWindow; factor: number }[]>
> = {
  page: [
    { long: '1h', short: '5m', factor: 14.4 },
    { long: '6h', short: '30m', factor: 6 },
  ],
  ticket: [
    { long: '1d', short: '2h', factor: 3 },
    { long: '3d', short: '6h', factor: 1 },
  ],
};

/** The `log.level` each log alert counts: the level names @signalkit/winston writes. */
export const LOG_ALERT_LEVELS = Object.freeze({ ErrorLogsHigh: 'error', WarningLogsHigh: 'warn' } as const);

/** The error budget of an objective (0.995 -> 0.005), without float noise. */
export function budgetOf(objective: number): number {
  return Number((1 - objective).toPrecision(12));
}

/**
 * The severity of an alert with one rule. The budget alerts have a page and a ticket rule: their severity
 * comes from the burn-rate pair a value exceeds, so asking for theirs is a programming error.
 */
export function alertSeverity(alert: AlertName): Severity {
  if (alert === 'ErrorBudgetBurn' || alert === 'LatencyBudgetBurn')
    throw new Error(`${alert} has a page and a ticket rule: its severity depends on the burn rate`);
  return ALERT_SEVERITY[alert];
}
