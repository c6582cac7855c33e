import type { Attributes } from '@opentelemetry/api';

/** What replaces a credential, as the upstream http instrumentation writes it. */
export const REDACTED = 'REDACTED';

/**
 * Redacts the credentials of a URL in place: its userinfo, and the values of the query parameters named in
 * `params` (compared without regard to case). Returns whether anything was replaced.
 */
export function redactUrl(url: URL, params: ReadonlySet<string>): boolean {
  let changed = false;
  if (url.username !== '' || url.password !== '') {
    url.username = REDACTED;
    url.password = REDACTED;
    changed = true;
  }
  if (url.search !== '') {
    const query = url.searchParams;
    for (const name of new Set(query.keys())) {
      if (params.has(name.toLowerCase())) {
        query.set(name, REDACTED);
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * A `startSpanHook` for the undici (fetch) instrumentation, which writes the request's whole URL into
 * `url.full` and `url.query` with no redaction of its own: when the URL holds credentials, both are
 * replaced by their redacted form (the hook's attributes win over the instrumentation's).
 */
export function undiciUrlRedactor(
  params: readonly string[],
): (request: { origin?: unknown; path?: unknown }) => Attributes {
  const names = new Set(params.map((p) => p.toLowerCase()));
  return (request) => {
    if (typeof request.path !== 'string' || request.origin === undefined) return {};
    let url: URL;
    try {
      url = new URL(request.path, String(request.origin));
    } catch {
      return {};
    }
    if (!redactUrl(url, names)) return {};
    return { 'url.full': url.toString(), 'url.query': url.search };
  };
}
