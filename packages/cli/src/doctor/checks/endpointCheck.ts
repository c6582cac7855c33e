import { type Scrape, ScrapeError, scrapeEndpoint } from '../../prometheus/scrapeEndpoint.js';
import type { CheckResult } from '../DoctorCheck.js';

export const ENDPOINT_CHECK_ID = 'endpoint';

const START_HINT =
  'Start the service with the preload (node --import @signalkit/node/register app.mjs): it serves ' +
  'metrics on OTEL_EXPORTER_PROMETHEUS_HOST:OTEL_EXPORTER_PROMETHEUS_PORT (default 127.0.0.1:9464). ' +
  'If it serves them elsewhere, give that URL: signalkit doctor 127.0.0.1:9465';

function fixFor(error: ScrapeError): string {
  switch (error.code) {
    case 'unreachable':
      return START_HINT;
    case 'not-prometheus':
      return 'This URL is not a metrics endpoint (the app itself?): the preload serves /metrics on its own port, default 9464.';
    case 'http-status':
      if (error.status === 401 || error.status === 403)
        return 'The endpoint asks for credentials (SIGNALKIT_METRICS_AUTH); doctor sends none: run it where the endpoint is open, or check with curl -u.';
      return 'Check the URL: signalkit serves the path in SIGNALKIT_METRICS_PATH (default /metrics).';
  }
}

/**
 * Is the endpoint up, and does it answer Prometheus text? Every check that reads metrics needs the scrape
 * it returns (undefined when it failed).
 */
export async function checkEndpoint(
  url: string,
  timeoutMillis: number,
): Promise<{ result: CheckResult; scrape: Scrape | undefined }> {
  const started = performance.now();
  try {
    const scrape = await scrapeEndpoint(url, timeoutMillis);
    const millis = Math.round(performance.now() - started);
    return {
      scrape,
      result: {
        id: ENDPOINT_CHECK_ID,
        status: 'ok',
        summary: `${url} answers Prometheus text (${scrape.metrics.samples.length} samples in ${millis} ms)`,
      },
    };
  } catch (error) {
    if (!(error instanceof ScrapeError)) throw error;
    return {
      scrape: undefined,
      result: {
        id: ENDPOINT_CHECK_ID,
        status: 'fail',
        summary: error.message,
        fix: fixFor(error),
      },
    };
  }
}
