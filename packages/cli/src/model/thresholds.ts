import { SLO_DEFAULTS } from '../slo/defaults.js';
import type { SloThresholds } from '../slo/types.js';
import { BURN_RATES, budgetOf, type Severity, type SloWindow } from './alerts.js';

/**
 * The thresholds of one service's alerts: the numbers of the alert rules `signalkit generate` writes for
 * it, in the form `top` and `doctor` check on the window between two scrapes. Built from an SLO file's
 * service or the defaults by {@link thresholdsFromSlo}.
 */
export interface Thresholds {
  /**
   * Levels of the 5xx share at which ErrorBudgetBurn fires if the share lasts: one per burn-rate pair of
   * the rules, highest first (for 99.5%: 7.2% pages within 1h, 3% within 6h; 1.5% opens a ticket within
   * 1d, 0.5%, the budget itself, within 3d).
   */
  readonly errorRatioBurn: readonly BurnLevel[];
  /** The SLO's latency threshold in seconds (a bucket bound): a slower request counts against the budget. */
  readonly latencyThresholdSeconds: number;
  /** The same levels for the share of requests slower than the latency threshold (LatencyBudgetBurn). */
  readonly slowRatioBurn: readonly BurnLevel[];
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

/**
 * One burn-rate pair of a budget alert as a level of the ratio: a ratio above it, lasting, fires the
 * alert with this severity.
 */
export interface BurnLevel {
  readonly severity: Severity;
  /** The pair's long window: the ratio fires the alert once it has lasted that long (sooner when far above). */
  readonly window: SloWindow;
  /** Burn rate times the budget, as the rule computes it. */
  readonly ratio: number;
}

/**
 * Top sees one short window (the time between two scrapes). A ratio that lasts fills every window of a
 * burn-rate pair, so it fires each pair whose factor x budget it is above: the 14.4x pair within the hour,
 * the 6x one (also a page) once it has lasted 6 hours, the tickets after a day or three. Every pair is a
 * level, highest first, so the first one exceeded is the most urgent alert it leads to.
 */
function burnLevels(budget: number): BurnLevel[] {
  const severities: Severity[] = ['page', 'ticket'];
  return severities
    .flatMap((severity) =>
      BURN_RATES[severity].map(({ long, factor }) => ({ severity, window: long, ratio: factor * budget })),
    )
    .sort((a, b) => b.ratio - a.ratio);
}

/**
 * The thresholds of the alert rules `signalkit generate` writes for a service with these SLO thresholds.
 * Products are left as PromQL computes them (14.4 * 0.005), so a value on the edge compares the same way.
 */
export function thresholdsFromSlo(slo: SloThresholds): Thresholds {
  return Object.freeze({
    errorRatioBurn: burnLevels(budgetOf(slo.availability.objective)),
    latencyThresholdSeconds: slo.latency.thresholdSeconds,
    slowRatioBurn: burnLevels(budgetOf(slo.latency.objective)),
    latencyP99Seconds: slo.latency.p99Seconds,
    eventLoopUtilization: slo.saturation.eventLoopUtilization,
    eventLoopDelayP99Seconds: slo.saturation.eventLoopDelayP99Seconds,
    heapUsedRatio: slo.saturation.heapUsedRatio,
    cpuCores: slo.saturation.cpuCores,
    errorLogsPerMinute: slo.logs.errorsPerMinute,
    warningLogsPerMinute: slo.logs.warningsPerMinute,
  });
}

/** What `signalkit generate` would alert on with an SLO file that lists the service with defaults only. */
export const DEFAULT_THRESHOLDS: Thresholds = thresholdsFromSlo(SLO_DEFAULTS);
