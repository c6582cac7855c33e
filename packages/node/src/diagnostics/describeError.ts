/**
 * A short, secret-free description of an error for a diagnostic line: its name and code or HTTP status,
 * never its message (an exporter error can carry a response body, a URL or request details).
 */
export function describeError(error: unknown): string {
  if (error === null || typeof error !== 'object') return typeof error;
  const e = error as { name?: unknown; code?: unknown };
  const name = typeof e.name === 'string' && /^[\w.$-]{1,64}$/.test(e.name) ? e.name : 'Error';
  if (typeof e.code === 'number' && Number.isInteger(e.code)) return `${name} (HTTP ${e.code})`;
  if (typeof e.code === 'string' && /^[A-Z0-9_]{1,40}$/.test(e.code)) return `${name} (${e.code})`;
  // Plain-word messages ("Request timed out") help and cannot hold a URL, a token or a header value.
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && /^[A-Za-z][A-Za-z ,'-]{0,79}$/.test(message))
    return `${name}: ${message}`;
  return name;
}
