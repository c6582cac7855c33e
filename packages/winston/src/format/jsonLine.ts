import type { ResolvedRecordConfig } from '../config/resolveConfig.js';
import type { LogRecordData } from './buildRecord.js';
import { stripControl } from './cleanString.js';

/** JSON leaves U+2028 and U+2029 raw; some viewers break lines on them, so they are escaped too. */
const LINE_SEPARATORS = /[\u2028\u2029]/g;

/**
 * The stdout line: `timestamp`, `level`, `message`, `service.name`, the resource attributes, the trace
 * fields, the exception, then the metadata. Those first keys are reserved: a metadata key with the same
 * name is left out, so metadata cannot forge a level, a time or a trace id. One line whatever the content:
 * JSON escapes CR, LF and every control character left.
 */
export function toJsonLine(record: LogRecordData, config: ResolvedRecordConfig): string {
  const line: Record<string, unknown> = {
    timestamp: new Date(record.time).toISOString(),
    level: record.level,
    message: record.message,
    'service.name': stripControl(config.serviceName),
  };
  for (const [key, value] of Object.entries(config.resourceAttributes))
    if (!Object.hasOwn(line, key)) line[key] = stripControl(value);
  if (record.trace !== undefined) Object.assign(line, record.trace);
  if (record.exception !== undefined) assignNew(line, record.exception);
  assignNew(line, record.metadata);
  return JSON.stringify(line).replace(LINE_SEPARATORS, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

function assignNew(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) if (!Object.hasOwn(target, key)) target[key] = source[key];
}
