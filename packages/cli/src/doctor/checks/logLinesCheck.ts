import { open } from 'node:fs/promises';
import { LABEL, PROM } from '../../model/metricNames.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { infoLabels } from '../infoLabels.js';

const ID = 'log-lines';
/** Only the end of the file is read: recent lines say how the service logs now. */
export const LOG_TAIL_BYTES = 1024 * 1024;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

async function readTail(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await file.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // A tail starts mid-line unless it is the whole file.
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await file.close();
  }
}

/**
 * With `--log <file>`: do the service's JSON log lines carry `trace_id` and `span_id`, so that a log line
 * leads to its trace? Lines written outside a request have none; at least some should.
 */
export const logLinesCheck: DoctorCheck = {
  id: ID,
  needsScrape: false,
  async run({ logFile, scrape }: DoctorContext): Promise<CheckResult> {
    if (logFile === undefined) {
      return { id: ID, status: 'skip', summary: 'no --log <file> given: log lines not read' };
    }
    let text: string;
    try {
      text = await readTail(logFile);
    } catch (error) {
      return {
        id: ID,
        status: 'fail',
        summary: `cannot read ${logFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        fix: 'Give the file the service writes its stdout to, e.g. node --import @signalkit/node/register app.mjs > app.log',
      };
    }
    let json = 0;
    let correlated = 0;
    let lines = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      lines++;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        continue;
      }
      if (typeof record !== 'object' || record === null) continue;
      json++;
      const { trace_id: traceId, span_id: spanId } = record as Record<string, unknown>;
      if (
        typeof traceId === 'string' &&
        TRACE_ID.test(traceId) &&
        typeof spanId === 'string' &&
        SPAN_ID.test(spanId)
      )
        correlated++;
    }
    if (json === 0) {
      return {
        id: ID,
        status: 'warn',
        summary: `${logFile}: none of its ${lines} lines is a JSON log record`,
        fix: "Log with @signalkit/winston's createLogger(): JSON lines with trace_id and span_id.",
      };
    }
    if (correlated === 0) {
      const tracesOff = scrape !== undefined && infoLabels(scrape, PROM.configInfo)?.[LABEL.traces] === 'off';
      return {
        id: ID,
        status: 'warn',
        summary: `${logFile}: none of ${json} JSON log lines carries trace_id and span_id`,
        fix: tracesOff
          ? 'Tracing is off, so there is no trace to point at: set OTEL_TRACES_EXPORTER=otlp to correlate logs with traces.'
          : "Log inside the request with @signalkit/winston's logger (its format adds trace_id and span_id of the active span).",
      };
    }
    return {
      id: ID,
      status: 'ok',
      summary: `${logFile}: ${correlated} of ${json} JSON log lines carry trace_id and span_id (lines outside a request have none)`,
    };
  },
};
