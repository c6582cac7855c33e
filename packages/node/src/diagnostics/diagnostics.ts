import type { DiagnosticsLevel } from '../config/options.js';

const RANK: Record<DiagnosticsLevel, number> = {
  none: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
  verbose: 5,
  all: 6,
};

type Severity = 'error' | 'warn' | 'info' | 'debug';

/** How often one diagnostic (by key) may be written. */
const REPEAT_AFTER_MILLIS = 60_000;
/** A hard ceiling on distinct keys, so a flood of unique messages cannot grow memory. */
const MAX_KEYS = 512;
/** Longest line written: an error can quote a whole response body. */
const MAX_LINE = 2000;

/**
 * signalkit's own diagnostics: one line each on stderr, prefixed `signalkit`, rate-limited per key, at most
 * 2000 characters. The only place in the library that writes to the console (@signalkit/winston writes
 * through it too, from `@signalkit/node/internal`).
 */
export interface Diagnostics {
  error(key: string, message: string): void;
  warn(key: string, message: string): void;
  info(key: string, message: string): void;
  debug(key: string, message: string): void;
  /** The current level. */
  readonly level: DiagnosticsLevel;
  /** Changes the level from now on (@signalkit/winston: the most recently created logger's level wins). */
  setLevel(level: DiagnosticsLevel): void;
}

export function createDiagnostics(
  level: DiagnosticsLevel,
  write: (line: string) => void = writeStderr,
  now: () => number = Date.now,
): Diagnostics {
  const lastWritten = new Map<string, number>();
  let current = level;
  let limit = RANK[level];

  function emit(severity: Severity, key: string, message: string): void {
    if (RANK[severity] > limit) return;
    const t = now();
    const last = lastWritten.get(key);
    if (last !== undefined && t - last < REPEAT_AFTER_MILLIS) return;
    if (last === undefined && lastWritten.size >= MAX_KEYS) lastWritten.clear();
    lastWritten.set(key, t);
    write(`signalkit ${severity}: ${sanitize(message)}\n`);
  }

  return {
    get level() {
      return current;
    },
    setLevel(next) {
      current = next;
      limit = RANK[next];
    },
    error: (key, message) => emit('error', key, message),
    warn: (key, message) => emit('warn', key, message),
    info: (key, message) => emit('info', key, message),
    debug: (key, message) => emit('debug', key, message),
  };
}

/** One bounded line, no terminal escapes: a diagnostic must not be able to forge output or flood stderr. */
function sanitize(message: string): string {
  const bounded =
    message.length > MAX_LINE
      ? `${message.slice(0, MAX_LINE)}… (${message.length - MAX_LINE} more characters)`
      : message;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return bounded.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function writeStderr(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // stderr closed or full: diagnostics are best effort and must never throw into the app.
  }
}
