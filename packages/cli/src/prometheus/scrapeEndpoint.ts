import { performance } from 'node:perf_hooks';
import { CliError } from '../CliError.js';
import { type PrometheusText, PrometheusTextError, parsePrometheusText } from './parsePrometheusText.js';

/** Why a scrape failed: nothing answered, it answered with an error status, or not with metrics. */
export type ScrapeFailure = 'unreachable' | 'http-status' | 'not-prometheus';

export class ScrapeError extends CliError<ScrapeFailure> {
  readonly url: string;
  /** The HTTP status, for an `http-status` failure. */
  readonly status: number | undefined;

  constructor(url: string, failure: ScrapeFailure, message: string, status?: number) {
    super(failure, message);
    this.name = 'ScrapeError';
    this.url = url;
    this.status = status;
  }
}

/** One scrape of one endpoint. */
export interface Scrape {
  readonly url: string;
  readonly metrics: PrometheusText;
  /** When the endpoint collected, in `performance.now()` milliseconds: midway through the request. */
  readonly atMillis: number;
}

/** Asks for the classic text format, as Prometheus does for endpoints that offer several. */
const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1';

function unreachableReason(error: unknown, url: URL, timeoutMillis: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return `no answer within ${timeoutMillis / 1000} s`;
  const code = err.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused (nothing listens on ${url.host})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host ${url.hostname} not found (${code})`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection was closed before an answer (${code})`;
    default:
      return err.cause?.message ?? err.message ?? String(error);
  }
}

/** Scrapes `url` once and parses the answer; throws a {@link ScrapeError} saying what went wrong. */
export async function scrapeEndpoint(url: string, timeoutMillis: number): Promise<Scrape> {
  const target = new URL(url);
  const sent = performance.now();
  let response: Response;
  let body: string;
  try {
    response = await fetch(target, {
      headers: { accept: ACCEPT },
      signal: AbortSignal.timeout(timeoutMillis),
    });
    body = await response.text();
  } catch (error) {
    throw new ScrapeError(
      url,
      'unreachable',
      `cannot reach ${url}: ${unreachableReason(error, target, timeoutMillis)}`,
    );
  }
  const received = performance.now();
  if (!response.ok) {
    throw new ScrapeError(
      url,
      'http-status',
      `${url} answered ${response.status} ${response.statusText}`.trimEnd() +
        (response.status === 404 ? ' (is the path right? signalkit serves /metrics)' : ''),
      response.status,
    );
  }
  let metrics: PrometheusText;
  try {
    metrics = parsePrometheusText(body);
  } catch (error) {
    if (!(error instanceof PrometheusTextError)) throw error;
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new ScrapeError(
      url,
      'not-prometheus',
      `${url} did not answer Prometheus text (${type}): ${error.message}`,
    );
  }
  return { url, metrics, atMillis: (sent + received) / 2 };
}
