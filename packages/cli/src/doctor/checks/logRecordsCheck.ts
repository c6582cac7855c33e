import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';

const ID = 'logs';

/**
 * Are logs counted by level (`log_records_total`, from @signalkit/winston)? That counter is what the
 * "too many errors in the logs" alert reads, and its presence says the logger that adds trace ids runs.
 */
export const logRecordsCheck: DoctorCheck = {
  id: ID,
  needsScrape: true,
  run({ scrape, names }: DoctorContext): CheckResult {
    const name = names.logRecords;
    const levelLabel = names.labels.logLevel;
    if (name === undefined) return { id: ID, status: 'skip', summary: 'no log-records counter to look for' };
    const byLevel = new Map<string, number>();
    for (const sample of scrape?.metrics.samples ?? []) {
      if (sample.name !== name) continue;
      const level = (levelLabel === undefined ? undefined : sample.labels[levelLabel]) ?? '?';
      byLevel.set(level, (byLevel.get(level) ?? 0) + sample.value);
    }
    if (byLevel.size === 0) {
      return {
        id: ID,
        status: 'warn',
        summary: `no ${name}: the service does not log through @signalkit/winston (or has logged nothing yet)`,
        detail: [
          'Without it, log lines carry no trace_id/span_id and the alert on error logs has nothing to read.',
        ],
        fix: 'Log with createLogger() from @signalkit/winston, or add its format and transport to your winston logger; check the logs themselves with --log <file>.',
      };
    }
    const levels = [...byLevel].map(([level, n]) => `${n} ${level}`).join(', ');
    return {
      id: ID,
      status: 'ok',
      summary: `log records are counted by level (${name}: ${levels})`,
    };
  },
};
