import { ATTR, METRICS } from '@signalkit/node/internal';
import TransportStream from 'winston-transport';
import { stripControl } from '../format/cleanString.js';
import { deferredCounters } from '../metrics/DeferredCounters.js';

const LEVEL = Symbol.for('level');

/** Counts one record of `level` in `log.records` (see {@link LogRecordCounter}). */
export function countRecord(level: string): void {
  deferredCounters().add(METRICS.logRecords, 1, level, () => ({ [ATTR.logLevel]: level }));
}

/**
 * A winston transport that writes nothing and counts: `log.records` ({record}) by `log.level` on the
 * global MeterProvider, so Prometheus shows `log_records_total{log_level="error"}` and an alert can fire on
 * too many warnings or errors. Like any transport it sees the records the logger's level lets through,
 * once each. The MeterProvider may be set before or after the logger is created: counts made before it
 * appear are reported to it too (at the next record).
 */
export class LogRecordCounter extends TransportStream {
  readonly name = 'signalkit-log-records';

  override log(info: object, callback: () => void): void {
    try {
      const raw = (info as Record<string | symbol, unknown>)[LEVEL] ?? (info as { level?: unknown }).level;
      countRecord(typeof raw === 'string' ? stripControl(raw).slice(0, 64) : 'unknown');
    } catch {
      // Counting is best effort: a metrics failure never stops a log record.
    }
    callback();
  }
}
