/** Credentials the Prometheus endpoint requires, as given in code (`metrics.prometheus.auth`). */
export type MetricsAuthOptions =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string };

/**
 * The check the endpoint runs on each scrape. It keeps only a digest of the expected credentials, in a
 * closure: the resolved configuration (`handle.config`) can be printed without printing them.
 */
export interface MetricsAuth {
  readonly scheme: 'bearer' | 'basic';
  /** True when the `Authorization` header carries the expected credentials; constant time. */
  isAuthorized(header: string | undefined): boolean;
}

/** A token or user name: printable, no spaces (RFC 6750 b64token is stricter; this only refuses the absurd). */
const TOKEN = /^[\x21-\x7e]+$/;

/** `bearer:<token>` or `basic:<user>:<password>`, as in SIGNALKIT_METRICS_AUTH; undefined when malformed. */
export function parseMetricsAuth(raw: string): MetricsAuthOptions | undefined {
  const colon = raw.indexOf(':');
  if (colon <= 0) return undefined;
  const scheme = raw.slice(0, colon).toLowerCase();
  const rest = raw.slice(colon + 1);
  if (scheme === 'bearer') return TOKEN.test(rest) ? { type: 'bearer', token: rest } : undefined;
  if (scheme !== 'basic') return undefined;
  const split = rest.indexOf(':');
  if (split <= 0 || split === rest.length - 1) return undefined;
  const username = rest.slice(0, split);
  const password = rest.slice(split + 1);
  return TOKEN.test(username) && TOKEN.test(password) ? { type: 'basic', username, password } : undefined;
}

/** True when `value` is well-formed credentials for `metrics.prometheus.auth`. */
export function isMetricsAuthOptions(value: unknown): value is MetricsAuthOptions {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const ok = (s: unknown) => typeof s === 'string' && TOKEN.test(s);
  if (v.type === 'bearer') return ok(v.token);
  return v.type === 'basic' && ok(v.username) && ok(v.password) && !String(v.username).includes(':');
}

/** node:crypto, loaded only when the endpoint has credentials (loading it costs ~7 ms of startup). */
function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

function digest(text: string): Buffer {
  return nodeCrypto().createHash('sha256').update(text).digest();
}

/** `bearer <token>` or `basic <user>:<password>` from an Authorization header; undefined when unusable. */
function normalise(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  if (space <= 0) return undefined;
  const scheme = trimmed.slice(0, space).toLowerCase();
  const credentials = trimmed.slice(space + 1).trim();
  if (scheme === 'bearer') return `bearer ${credentials}`;
  if (scheme === 'basic') return `basic ${Buffer.from(credentials, 'base64').toString('utf8')}`;
  return undefined;
}

export function createMetricsAuth(options: MetricsAuthOptions): MetricsAuth {
  const expected = digest(
    options.type === 'bearer' ? `bearer ${options.token}` : `basic ${options.username}:${options.password}`,
  );
  return Object.freeze({
    scheme: options.type,
    isAuthorized(header: string | undefined): boolean {
      // Digests of equal length, compared in constant time: neither the value nor its length leaks.
      return nodeCrypto().timingSafeEqual(digest(normalise(header) ?? ''), expected);
    },
  });
}
