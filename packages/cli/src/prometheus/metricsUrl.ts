/** Where a signalkit service serves its metrics by default. */
export const DEFAULT_METRICS_URL = 'http://127.0.0.1:9464/metrics';

/** What the user typed is not an http(s) URL. */
export class MetricsUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetricsUrlError';
  }
}

/**
 * A metrics URL from what the user typed: `http://` added when left out, `/metrics` for an empty path.
 * Throws a {@link MetricsUrlError} when it is not an http(s) URL.
 */
export function normalizeMetricsUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new MetricsUrlError(`not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new MetricsUrlError(`not an http(s) URL: ${JSON.stringify(raw)}`);
  if (url.pathname === '/') url.pathname = '/metrics';
  return url.toString();
}
