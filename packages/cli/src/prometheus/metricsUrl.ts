import { CliError } from '../CliError.js';

/** Where a signalkit service serves its metrics by default. */
export const DEFAULT_METRICS_URL = 'http://127.0.0.1:9464/metrics';

/**
 * A metrics URL from what the user typed: `http://` added when left out, `/metrics` for an empty path.
 * Throws a `usage` {@link CliError} when it is not an http(s) URL.
 */
export function normalizeMetricsUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CliError('usage', `not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError('usage', `not an http(s) URL: ${JSON.stringify(raw)}`);
  if (url.pathname === '/') url.pathname = '/metrics';
  return url.toString();
}
