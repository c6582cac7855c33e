import { BURN_RATES, budgetOf, type Severity } from '../generate/alertRules.js';
import { SLO_DEFAULTS } from '../slo/defaults.js';
import { loadSlo } from '../slo/loadSlo.js';
import { SloError } from '../slo/SloError.js';
import type { SloFile, SloThresholds } from '../slo/types.js';
import { TopError } from './TopError.js';
import type { BurnLevel, ThresholdSource, Thresholds, TopThresholds } from './thresholds.js';

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

/** Without an SLO file: the defaults for every service. */
export const DEFAULT_TOP_THRESHOLDS: TopThresholds = Object.freeze({
  from: 'defaults',
  source: () => DEFAULT_THRESHOLDS,
});

/**
 * The thresholds of an SLO file's services. The rules are per service (the `job` label), so a route gets
 * its service's; a service the file does not list has no alert rules, and gets none.
 */
export function sloThresholdSource(slo: SloFile): ThresholdSource {
  const byService = new Map(slo.services.map((service) => [service.name, thresholdsFromSlo(service)]));
  return (service) => byService.get(service) ?? null;
}

/** The thresholds top uses: from the SLO file when given, else the defaults. Throws an `invalid-slo` TopError. */
export async function loadTopThresholds(sloPath: string | undefined): Promise<TopThresholds> {
  if (sloPath === undefined) return DEFAULT_TOP_THRESHOLDS;
  let slo: SloFile;
  try {
    slo = await loadSlo(sloPath);
  } catch (error) {
    // The same message `signalkit generate` gives for the same file.
    if (error instanceof SloError) throw new TopError('invalid-slo', `invalid SLO file ${error.message}`);
    const reason = error instanceof Error ? error.message : String(error);
    throw new TopError('invalid-slo', `cannot read the SLO file ${sloPath}: ${reason}`);
  }
  return Object.freeze({ from: sloPath, source: sloThresholdSource(slo) });
}
