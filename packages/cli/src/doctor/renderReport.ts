import type { CheckResult, CheckStatus } from './DoctorCheck.js';

/** What `signalkit doctor` found: every check's result, and the counts. */
export interface DoctorReport {
  readonly url: string;
  readonly dir: string;
  readonly checks: readonly CheckResult[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
}

const ESC = '\u001b[';
const MARKERS: Record<CheckStatus, { fancy: string; plain: string; color: string }> = {
  ok: { fancy: '✓', plain: '[ok]  ', color: '32' },
  warn: { fancy: '!', plain: '[warn]', color: '33' },
  fail: { fancy: '✗', plain: '[FAIL]', color: '31' },
  skip: { fancy: '-', plain: '[skip]', color: '2' },
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The report for a person: one line per check (marker, id, summary), its detail and fix indented below,
 * then the counts. `fancy`: ✓ ! ✗ in colour (a terminal without NO_COLOR); otherwise ASCII markers.
 */
export function renderReportText(report: DoctorReport, fancy: boolean): string {
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines = [`signalkit doctor: ${report.url} (project ${report.dir})`, ''];
  for (const check of report.checks) {
    const marker = MARKERS[check.status];
    const mark = fancy ? `${ESC}${marker.color}m${marker.fancy}${ESC}0m` : marker.plain;
    lines.push(`${mark} ${check.id.padEnd(width)}  ${check.summary}`);
    const indent = ' '.repeat((fancy ? 1 : marker.plain.length) + width + 3);
    for (const line of check.detail ?? []) lines.push(`${indent}${line}`);
    if (check.fix !== undefined) lines.push(`${indent}fix: ${check.fix}`);
  }
  const { ok, warn, fail, skip } = report.counts;
  lines.push(
    '',
    `${plural(ok, 'check', 'checks')} ok, ${plural(warn, 'warning', 'warnings')}, ${plural(fail, 'failure', 'failures')}, ${skip} skipped`,
  );
  return `${lines.join('\n')}\n`;
}

/** The report for scripts: one JSON document. */
export function renderReportJson(report: DoctorReport, exitCode: number): string {
  return `${JSON.stringify({ ...report, exitCode })}\n`;
}
