import { CliError } from '../CliError.js';
import { DEFAULT_THRESHOLDS, thresholdsFromSlo } from '../model/thresholds.js';
import { loadSlo } from '../slo/loadSlo.js';
import { SloError } from '../slo/SloError.js';
import type { SloFile } from '../slo/types.js';
import type { ThresholdSource, TopThresholds } from './thresholds.js';

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

/** The thresholds top uses: from the SLO file when given, else the defaults. Throws an `invalid-slo` {@link CliError}. */
export async function loadTopThresholds(sloPath: string | undefined): Promise<TopThresholds> {
  if (sloPath === undefined) return DEFAULT_TOP_THRESHOLDS;
  let slo: SloFile;
  try {
    slo = await loadSlo(sloPath);
  } catch (error) {
    // The same message `signalkit generate` gives for the same file.
    if (error instanceof SloError) throw new CliError('invalid-slo', `invalid SLO file ${error.message}`);
    throw error;
  }
  return Object.freeze({ from: sloPath, source: sloThresholdSource(slo) });
}
