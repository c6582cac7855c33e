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

/**
 * @signalkit/winston's own diagnostics: one line each on stderr, prefixed `signalkit`, rate-limited per key.
 * The only place in the package that writes outside the logger's transports. Messages are built by the
 * callers from names, codes and counts only: never from header values, URLs with credentials or log content.
 */
export interface Diagnostics {
  error(key: string, message: string): void;
  warn(key: string, message: string): void;
  info(key: string, message: string): void;
  debug(key: string, message: string): void;
  /** The level of the most recently created logger, format or transport wins. */
  setLevel(level: DiagnosticsLevel): void;
}

export function createDiagnostics(
  level: DiagnosticsLevel,
  write: (line: string) => void = writeStderr,
  now: () => number = Date.now,
): Diagnostics {
  const lastWritten = new Map<string, number>();
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
    error: (key, message) => emit('error', key, message),
    warn: (key, message) => emit('warn', key, message),
    info: (key, message) => emit('info', key, message),
    debug: (key, message) => emit('debug', key, message),
    setLevel(next) {
      limit = RANK[next];
    },
  };
}

/** One line, no terminal escapes: a diagnostic must not be able to forge output. */
function sanitize(message: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  return message.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, 1000);
}

function writeStderr(line: string): void {
  try {
    process.stderr.write(line);
  } catch {
    // stderr closed or full: diagnostics are best effort and must never throw into the app.
  }
}

/** The package's one diagnostics channel (rate limits are shared by every logger of the process). */
export const diagnostics: Diagnostics = createDiagnostics('warn');

/**
 * A short, secret-free description of an error for a diagnostic line: its name and code or HTTP status,
 * never its message (an exporter error can carry a response body, a URL or request details).
 */
export function describeError(error: unknown): string {
  if (error === null || typeof error !== 'object') return typeof error;
  const e = error as { name?: unknown; code?: unknown; constructor?: { name?: unknown } };
  const name = typeof e.name === 'string' && /^[\w.$-]{1,64}$/.test(e.name) ? e.name : 'Error';
  if (typeof e.code === 'number' && Number.isInteger(e.code)) return `${name} (HTTP ${e.code})`;
  if (typeof e.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(e.code)) return `${name} (${e.code})`;
  // Plain-word messages ("Request timed out") help and cannot hold a URL, a token or a header value.
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && /^[A-Za-z][A-Za-z ,'-]{0,79}$/.test(message))
    return `${name}: ${message}`;
  return name;
}
