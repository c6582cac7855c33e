import { describeError } from '@signalkit/node/internal';
import type { Logger } from 'winston';
import { diagnostics } from '../diagnostics/diagnostics.js';
import { capture } from '../format/traceContext.js';

const GUARDED = Symbol.for('signalkit.winston.guarded');

type Callback = (...args: unknown[]) => void;

interface Guardable {
  [GUARDED]?: true;
  name?: unknown;
  log?: (info: unknown, callback: Callback) => unknown;
}

type GuardableLogger = Logger & {
  [GUARDED]?: true;
  write(chunk: unknown, ...rest: unknown[]): boolean;
  add(transport: unknown): Logger;
};

function nameOf(transport: unknown): string {
  const name = (transport as Guardable | undefined)?.name;
  return typeof name === 'string' && name !== '' ? name.slice(0, 40) : 'transport';
}

/** A transport whose `log` throws skips the record instead of breaking the stream that feeds every transport. */
function guardTransport(transport: unknown): void {
  if (transport === null || typeof transport !== 'object') return;
  const target = transport as Guardable;
  const log = target.log;
  if (target[GUARDED] === true || typeof log !== 'function') return;
  target[GUARDED] = true;
  // Two parameters, like the original: winston tells old-style transports apart by `log.length`.
  target.log = function guardedLog(this: unknown, info: unknown, callback: Callback): unknown {
    let called = false;
    const next: Callback = (...args) => {
      if (called) return;
      called = true;
      if (typeof callback === 'function') callback(...args);
    };
    try {
      return log.call(this, info, next);
    } catch (error) {
      const name = nameOf(transport);
      diagnostics.warn(
        `transport-throw:${name}`,
        `winston transport "${name}" threw (${describeError(error)}); it skipped the record, the other transports keep logging`,
      );
      next();
      return undefined;
    }
  };
}

function guardTransports(logger: Logger): void {
  for (const transport of logger.transports) guardTransport(transport);
}

/**
 * Makes a logger safe for the host, for the loggers {@link createLogger} returns:
 * - a transport's `error` event, which winston re-emits on the logger (where, without a listener, it would
 *   crash the process), becomes one rate-limited diagnostic line;
 * - a transport whose `log` throws skips that record; it does not stall the stream or the other transports;
 * - `write` stamps each record with the active context and time before winston's streams can delay it,
 *   and never throws into the caller (a throwing format is reported, the record is lost).
 * Applies to transports added later with `logger.add()` too.
 */
export function guardLogger(logger: Logger): void {
  const target = logger as GuardableLogger;
  if (target[GUARDED] === true) return;
  target[GUARDED] = true;

  logger.on('error', (error: unknown, transport?: unknown) => {
    const name = nameOf(transport);
    diagnostics.warn(
      `transport-error:${name}`,
      `winston transport "${name}" failed (${describeError(error)}); the other transports keep logging`,
    );
  });

  const write = target.write;
  target.write = function guardedWrite(this: Logger, chunk: unknown, ...rest: unknown[]): boolean {
    if (chunk !== null && typeof chunk === 'object') capture(chunk);
    try {
      return write.call(this, chunk, ...rest);
    } catch (error) {
      diagnostics.error('logger-write', `a log record was lost: ${describeError(error)}`);
      return true;
    }
  };

  const add = target.add;
  target.add = function guardedAdd(this: Logger, transport: unknown): Logger {
    const result = add.call(this, transport);
    guardTransports(this);
    return result;
  };
  guardTransports(logger);
}
