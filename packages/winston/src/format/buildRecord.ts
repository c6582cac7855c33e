import type { Context } from '@opentelemetry/api';
import type { ResolvedRecordConfig } from '../config/resolveConfig.js';
import { stripControl } from './cleanString.js';
import { type CleanObject, isError, ownEntries, Sanitizer } from './Sanitizer.js';
import { contextOf, type TraceFields, timeOf, traceFieldsOf } from './traceContext.js';

const LEVEL = Symbol.for('level');
const SPLAT = Symbol.for('splat');

/** Where the format leaves the built record for the transports (the OTLP one reads it). */
export const RECORD = Symbol.for('signalkit.winston.record');

/** One log record, cleaned and bounded: what the JSON line and the OTLP record are made from. */
export interface LogRecordData {
  /** Epoch milliseconds, taken when the record was written. */
  readonly time: number;
  /** The winston level, uncolored. */
  readonly level: string;
  readonly message: string;
  /** The context the record was written in (for the OTLP record's trace context). */
  readonly context: Context;
  readonly trace: TraceFields | undefined;
  /** `exception.type`, `exception.message`, `exception.stacktrace`, `cause`, ... when an error was logged. */
  readonly exception: CleanObject | undefined;
  /** Everything else the caller passed, redacted and bounded. */
  readonly metadata: CleanObject;
}

type Info = Record<string | symbol, unknown>;

interface FoundException {
  readonly error: Error;
  /** The metadata key it came from, left out of the metadata. */
  readonly key?: string;
}

const TRACE_KEYS = new Set(['trace_id', 'span_id', 'trace_flags']);
/** winston copies an error's `stack` and `cause` next to the message; they belong to the exception. */
const ERROR_COPIES = new Set(['stack', 'cause']);
const STACK_FRAME = /\n\s+at /;

/** The error a record is about, found where winston puts it for each way of logging one. */
function findException(info: Info): FoundException | undefined {
  // logger.error(err), logger.log('error', err): the error is the record itself.
  if (isError(info)) return { error: info };
  // logger.error({ message: err }), and logger.error(err) when err.message is empty.
  if (isError(info.message)) return { error: info.message };
  // logger.error('x', err): winston merges err into the record and keeps it in [SPLAT].
  const splat = info[SPLAT];
  if (Array.isArray(splat)) for (const item of splat) if (isError(item)) return { error: item };
  // A child logger clones the error into a plain object: its stack is all that says it was one.
  if (typeof info.stack === 'string' && STACK_FRAME.test(info.stack)) return { error: fromClone(info) };
  // logger.error('x', { err }): an error among the metadata (a lone `cause` is not the error itself).
  for (const [key, value] of ownEntries(info))
    if (key !== 'cause' && isError(value)) return { error: value, key };
  return undefined;
}

function fromClone(info: Info): Error {
  const stack = info.stack as string;
  const head = /^([A-Za-z_$][\w$.]*)(?::\s?([^\n]*))?/.exec(stack);
  const error = new Error(typeof info.message === 'string' ? info.message : (head?.[2] ?? ''));
  error.name = head?.[1] ?? 'Error';
  error.stack = stack;
  if (info.cause !== undefined) error.cause = info.cause;
  return error;
}

function levelOf(info: Info): string {
  const level = typeof info[LEVEL] === 'string' ? info[LEVEL] : info.level;
  return typeof level === 'string' ? stripControl(level).slice(0, 64) : 'info';
}

function messageOf(info: Info, sanitizer: Sanitizer): string {
  const message = info.message;
  if (typeof message === 'string') return sanitizer.string(message);
  if (message === undefined || message === null) return '';
  if (isError(message)) return sanitizer.string(typeof message.message === 'string' ? message.message : '');
  if (typeof message === 'object') return sanitizer.string(JSON.stringify(sanitizer.value(message, 0)) ?? '');
  return sanitizer.string(String(message));
}

/**
 * Builds the record from a winston `info`: message first (so metadata cannot push it out of the size
 * budget), then the exception, then the rest of the metadata. Never throws for any input a caller can log.
 */
export function buildRecord(info: object, config: ResolvedRecordConfig): LogRecordData {
  const record = info as Info;
  const sanitizer = new Sanitizer(config);
  const context = contextOf(info);
  const trace = traceFieldsOf(context);
  const message = messageOf(record, sanitizer);
  const found = findException(record);
  const exception = found === undefined ? undefined : sanitizer.error(found.error, 0, 0);
  const entries = ownEntries(info).filter(
    ([key]) =>
      key !== 'level' &&
      key !== 'message' &&
      !(found !== undefined && (ERROR_COPIES.has(key) || key === found.key)) &&
      !(trace !== undefined && TRACE_KEYS.has(key)),
  );
  const metadata = sanitizer.entries(entries, 0);
  return { time: timeOf(info), level: levelOf(record), message, context, trace, exception, metadata };
}
