import { SIGNAL_NAMES } from '../model/metricNames.js';
import { cardinalityCheck } from './checks/cardinalityCheck.js';
import { checkEndpoint } from './checks/endpointCheck.js';
import { goldenSignalsCheck } from './checks/goldenSignalsCheck.js';
import { instrumentationsCheck } from './checks/instrumentationsCheck.js';
import { logLinesCheck } from './checks/logLinesCheck.js';
import { logRecordsCheck } from './checks/logRecordsCheck.js';
import { nodeVersionCheck } from './checks/nodeVersionCheck.js';
import { otelCopiesCheck } from './checks/otelCopiesCheck.js';
import { routeCheck } from './checks/routeCheck.js';
import { tracesCheck } from './checks/tracesCheck.js';
import type { CheckResult, CheckStatus, DoctorCheck, DoctorContext } from './DoctorCheck.js';
import { DOCTOR_EXIT_CODES, type DoctorOptions } from './doctorOptions.js';
import { type DoctorReport, renderReportJson, renderReportText } from './renderReport.js';

/** The checks after the endpoint's, in the order they are shown. */
export const DOCTOR_CHECKS: readonly DoctorCheck[] = Object.freeze([
  goldenSignalsCheck,
  routeCheck,
  cardinalityCheck,
  tracesCheck,
  instrumentationsCheck,
  logRecordsCheck,
  logLinesCheck,
  nodeVersionCheck,
  otelCopiesCheck,
]);

/** Where `signalkit doctor` writes and what it reads besides its options (injectable for tests). */
export interface DoctorIO {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Only NO_COLOR is read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default `process.versions.node`. */
  readonly localNodeVersion?: string;
}

/** Runs every check and collects the report; one check that throws is a failure of that check only. */
export async function collectReport(options: DoctorOptions, localNodeVersion: string): Promise<DoctorReport> {
  const timeoutMillis = options.timeoutSeconds * 1000;
  const endpoint = await checkEndpoint(options.url, timeoutMillis);
  const context: DoctorContext = {
    url: options.url,
    scrape: endpoint.scrape,
    dir: options.dir,
    logFile: options.logFile,
    timeoutMillis,
    localNodeVersion,
    names: SIGNAL_NAMES,
  };
  const results = await Promise.all(
    DOCTOR_CHECKS.map(async (check): Promise<CheckResult> => {
      if (check.needsScrape && context.scrape === undefined)
        return { id: check.id, status: 'skip', summary: 'not checked: the endpoint gave no metrics' };
      try {
        return await check.run(context);
      } catch (error) {
        return {
          id: check.id,
          status: 'fail',
          summary: `the check itself failed: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    }),
  );
  const checks = [endpoint.result, ...results];
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status]++;
  return { url: options.url, dir: options.dir, checks, counts };
}

/**
 * `signalkit doctor`: checks the service behind `options.url` and the project in `options.dir`, prints
 * the report (text or JSON) and resolves with the exit code: 1 when a check failed, else 0.
 */
export async function runDoctor(options: DoctorOptions, io: DoctorIO): Promise<number> {
  const report = await collectReport(options, io.localNodeVersion ?? process.versions.node);
  const exitCode = report.counts.fail > 0 ? DOCTOR_EXIT_CODES.failed : DOCTOR_EXIT_CODES.ok;
  if (options.json) {
    io.stdout.write(renderReportJson(report, exitCode));
  } else {
    const fancy = io.stdout.isTTY === true && (io.env.NO_COLOR ?? '') === '';
    io.stdout.write(renderReportText(report, fancy));
  }
  return exitCode;
}
