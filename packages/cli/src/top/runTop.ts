import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from '../CliError.js';
import { goldenSignalSampleNames, SIGNAL_NAMES, type SignalNames } from '../model/metricNames.js';
import { type Scrape, ScrapeError, scrapeEndpoint } from '../prometheus/scrapeEndpoint.js';
import { readSignals, type ServiceReading } from './readSignals.js';
import { renderJson } from './renderJson.js';
import { renderTable } from './renderTable.js';
import { loadTopThresholds } from './sloThresholds.js';
import { compareServices, type ServiceSnapshot, serviceSnapshot, type TopSnapshot } from './snapshot.js';
import type { TopThresholds } from './thresholds.js';
import type { TopOptions } from './topOptions.js';
import { historyBounds, SnapshotHistory } from './web/SnapshotHistory.js';
import { startWebServer, type WebServer } from './web/webServer.js';

/** Where `signalkit top` writes and what it reads besides its options (injectable for tests). */
export interface TopIO {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown };
  /** Only NO_COLOR is read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Ends the live view (Ctrl-C). */
  readonly signal?: AbortSignal;
  readonly names?: SignalNames;
  /** Replaces the thresholds of `options.sloPath` (or the defaults). */
  readonly thresholds?: TopThresholds;
}

/** The readings of one endpoint: the latest successful scrape and the one before it. */
interface EndpointState {
  readonly url: string;
  previous: ServiceReading[] | undefined;
  current: ServiceReading[];
  failure: string | undefined;
}

const ESC = '\u001b[';

function failedFirstScrape(error: ScrapeError): CliError {
  if (error.code === 'unreachable') {
    return new CliError(
      'unreachable',
      `${error.message}\nIs the service running with the preload (node --import @signalkit/node/register app.mjs)? ` +
        'It serves metrics on the port in OTEL_EXPORTER_PROMETHEUS_PORT (default 9464).',
    );
  }
  return error;
}

/** Throws when a scrape holds none of the golden-signal metrics: top would have nothing to show. */
function requireGoldenSignals(scrape: Scrape, names: SignalNames): void {
  const wanted = goldenSignalSampleNames(names);
  if (scrape.metrics.samples.some((s) => wanted.has(s.name))) return;
  const upstream = scrape.metrics.samples.some((s) =>
    s.name.startsWith(`${names.serverDurationWithoutUnit}_bucket`),
  );
  throw new CliError(
    'no-golden-signals',
    `${scrape.url} serves Prometheus text (${scrape.metrics.samples.length} samples) but no golden-signal ` +
      `metrics (${names.serverDuration}, ${names.eventLoopUtilization}, ${names.heapUsed}, ...).` +
      (upstream
        ? ` It has ${names.serverDurationWithoutUnit}_bucket, without the unit suffix: that is the upstream` +
          ' OpenTelemetry Prometheus exporter, whose names signalkit does not read.'
        : ' Is it a service started with @signalkit/node?'),
  );
}

async function scrapeAll(urls: readonly string[], timeoutMillis: number): Promise<(Scrape | ScrapeError)[]> {
  return Promise.all(
    urls.map((url) =>
      scrapeEndpoint(url, timeoutMillis).catch((error: unknown) => {
        if (error instanceof ScrapeError) return error;
        throw error;
      }),
    ),
  );
}

/**
 * `signalkit top`: scrapes the endpoints every interval and shows the golden signals of each service.
 * The first scrape must succeed and hold golden signals (or it fails with a {@link CliError}); later
 * failures show the service as down and keep going. With `web`, the snapshots go to a bounded history
 * served on 127.0.0.1 (its URL printed as one line) instead of stdout. Resolves with the exit code.
 */
export async function runTop(options: TopOptions, io: TopIO): Promise<number> {
  const names = io.names ?? SIGNAL_NAMES;
  // Before any scrape: a bad SLO file is the user's to fix whatever the endpoints say.
  const thresholds = io.thresholds ?? (await loadTopThresholds(options.sloPath));
  const timeoutMillis = options.timeoutSeconds * 1000;
  const intervalMillis = options.intervalSeconds * 1000;
  const tty = io.stdout.isTTY === true;
  const color = tty && (io.env.NO_COLOR ?? '') === '';
  const live = !options.once;

  const first = await scrapeAll(options.urls, timeoutMillis);
  const states: EndpointState[] = first.map((result) => {
    if (result instanceof ScrapeError) throw failedFirstScrape(result);
    requireGoldenSignals(result, names);
    return { url: result.url, previous: undefined, current: readSignals(result, names), failure: undefined };
  });

  const snapshot = (): TopSnapshot => {
    const services: ServiceSnapshot[] = [];
    for (const state of states) {
      for (const reading of state.current) {
        const previous = state.previous?.find((r) => r.key === reading.key);
        services.push(serviceSnapshot(previous, reading, thresholds.source, state.failure));
      }
    }
    services.sort(compareServices);
    return {
      time: new Date(),
      intervalSeconds: options.intervalSeconds,
      thresholdsFrom: thresholds.from,
      services,
    };
  };

  let web: { server: WebServer; history: SnapshotHistory } | undefined;
  if (options.web !== undefined) {
    const history = new SnapshotHistory(historyBounds(options.intervalSeconds));
    const server = await startWebServer({
      port: options.web.port,
      history,
      intervalSeconds: options.intervalSeconds,
    });
    web = { server, history };
    io.stdout.write(`signalkit top: ${server.url}\n`);
  }

  let frames = 0;
  const emit = (shown: TopSnapshot) => {
    if (web !== undefined) {
      web.history.add(shown);
      return;
    }
    if (options.json) {
      io.stdout.write(`${renderJson(shown)}\n`);
      return;
    }
    // A terminal that reports no size (columns 0 or unset) gets uncut lines.
    const columns = io.stdout.columns ?? 0;
    const lines = renderTable(shown, { color, width: tty && columns > 0 ? columns : undefined });
    if (live && tty) {
      // Redraw in place: home, each line cleared to its end, then the rest of the screen cleared.
      const clear = frames === 0 ? `${ESC}2J` : '';
      io.stdout.write(`${clear}${ESC}H${lines.map((l) => `${l}${ESC}K`).join('\n')}\n${ESC}J`);
    } else {
      io.stdout.write(`${frames > 0 ? '\n' : ''}${lines.join('\n')}\n`);
    }
    frames++;
  };

  const update = (results: (Scrape | ScrapeError)[]) => {
    results.forEach((result, i) => {
      const state = states[i] as EndpointState;
      if (result instanceof ScrapeError) {
        state.failure = result.message;
        return;
      }
      state.previous = state.current;
      state.current = readSignals(result, names);
      state.failure = undefined;
    });
  };

  const wait = async (millis: number): Promise<boolean> => {
    try {
      await sleep(millis, undefined, io.signal === undefined ? {} : { signal: io.signal });
      return true;
    } catch {
      return false; // aborted
    }
  };

  if (options.once) {
    io.stderr.write(`signalkit top: first scrape done, the second in ${options.intervalSeconds} s\n`);
    if (!(await wait(intervalMillis))) return 130;
    const second = await scrapeAll(options.urls, timeoutMillis);
    for (const result of second) if (result instanceof ScrapeError) throw failedFirstScrape(result);
    update(second);
    emit(snapshot());
    return 0;
  }

  try {
    emit(snapshot());
    const start = performance.now();
    for (let tick = 1; ; tick++) {
      // Scrapes stay on a fixed grid, so a slow scrape does not shift the ones after it.
      if (!(await wait(Math.max(0, start + tick * intervalMillis - performance.now())))) break;
      update(await scrapeAll(options.urls, timeoutMillis));
      if (io.signal?.aborted === true) break;
      emit(snapshot());
    }
  } finally {
    await web?.server.close();
  }
  return 0;
}
