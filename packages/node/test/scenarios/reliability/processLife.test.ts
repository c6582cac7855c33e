import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { OtlpReceiver } from '../../support/otlpReceiver.js';
import { lines, reports } from '../../support/runNode.js';
import { APP, ESCAPED, sleep } from './faultScenario.js';

const CLUSTER = resolve(import.meta.dirname, 'cluster.cjs');

let app: ChildApp | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await app?.stop();
  await receiver?.close();
  app = undefined;
  receiver = undefined;
});

/** A receiver that accepts every export and never answers: the collector is blackholed. */
async function blackhole(): Promise<OtlpReceiver> {
  receiver = new OtlpReceiver();
  receiver.behaviour = 'hang';
  await receiver.listen();
  return receiver;
}

interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  millis: number;
}

/** Sends `signal` (again after `againAfterMillis`, when given) and waits for the process to end. */
async function endWith(
  started: ChildApp,
  signal: NodeJS.Signals,
  againAfterMillis?: number,
): Promise<Ending> {
  const exited = once(started.child, 'exit');
  const t0 = performance.now();
  started.child.kill(signal);
  if (againAfterMillis !== undefined) {
    await sleep(againAfterMillis);
    started.child.kill(signal);
  }
  const [code, by] = (await exited) as [number | null, NodeJS.Signals | null];
  app = undefined;
  return { code, signal: by, millis: performance.now() - t0 };
}

/** A traced app with spans waiting in its queue (a long schedule delay) when the test signals it. */
async function tracedWithPendingSpans(
  collector: OtlpReceiver,
  env: Record<string, string>,
): Promise<ChildApp> {
  const started = await startApp(APP, {
    mode: 'init',
    env: {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '60000',
      ...env,
    },
  });
  app = started;
  for (let i = 0; i < 3; i++) expect((await fetch(`${started.url}/work/${i}`)).status).toBe(200);
  return started;
}

describe('SIGTERM with the collector blackholed', () => {
  it('default (no signalkit listener): the app’s own graceful exit happens within 5 s with its own code', async () => {
    const collector = await blackhole();
    const started = await tracedWithPendingSpans(collector, {
      APP_EXIT_CODE: '7',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_METRIC_EXPORT_INTERVAL: '200',
    });
    // A span export and a metric push hang at the collector (10 s timeouts) while the app stops.
    const hanging = (path: string) =>
      collector.requests.some((r) => r.path === path && r.endedAt === undefined);
    await collector.waitFor(() => hanging('/v1/traces') && hanging('/v1/metrics'), 5000, 'hung exports');
    const ending = await endWith(started, 'SIGTERM');
    expect(ending).toMatchObject({ code: 7, signal: null });
    expect(ending.millis).toBeLessThan(5000);
    expect(started.stderr()).not.toMatch(ESCAPED);
  });

  it('default, a metric push hanging: the app’s own graceful exit is not held by the push’s timeout', async () => {
    const collector = await blackhole();
    const started = await tracedWithPendingSpans(collector, {
      APP_EXIT_CODE: '7',
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      // The reader gives a push 3 s, the exporter 20 s: a held process would end after 3 s.
      OTEL_METRIC_EXPORT_INTERVAL: '3000',
      OTEL_METRIC_EXPORT_TIMEOUT: '3000',
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '20000',
    });
    await collector.waitFor(() => collector.open > 0, 10_000, 'a hung push');
    const ending = await endWith(started, 'SIGTERM');
    expect(ending).toMatchObject({ code: 7, signal: null });
    expect(ending.millis).toBeLessThan(2000);
    expect(started.stderr()).not.toMatch(ESCAPED);
  });

  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])(
    'shutdownOnSignals, %s: the bounded shutdown runs, then the process dies of the signal, within 5 s',
    async (signal) => {
      const started = await tracedWithPendingSpans(await blackhole(), {
        SIGNALKIT_SHUTDOWN_ON_SIGNALS: 'true',
        SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS: '2000',
      });
      const ending = await endWith(started, signal);
      expect(ending).toMatchObject({ code: null, signal });
      // It did try to export what was queued before giving up at the shutdown timeout.
      expect((receiver as OtlpReceiver).requests.length).toBeGreaterThan(0);
      expect(ending.millis).toBeLessThan(5000);
      expect(started.stderr()).not.toMatch(ESCAPED);
    },
  );

  it('shutdownOnSignals: a second SIGTERM during the shutdown ends the process at once', async () => {
    const started = await tracedWithPendingSpans(await blackhole(), {
      SIGNALKIT_SHUTDOWN_ON_SIGNALS: 'true',
      SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS: '20000',
    });
    const ending = await endWith(started, 'SIGTERM', 300);
    expect(ending).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(ending.millis).toBeLessThan(3000);
  });
});

describe('shutdownOnSignals with a healthy collector', () => {
  async function collector(): Promise<OtlpReceiver> {
    receiver = new OtlpReceiver();
    await receiver.listen();
    return receiver;
  }

  it('delivers the queued spans before the process dies of SIGTERM', async () => {
    const healthy = await collector();
    const started = await tracedWithPendingSpans(healthy, { SIGNALKIT_SHUTDOWN_ON_SIGNALS: 'true' });
    expect(healthy.spans).toHaveLength(0);
    const ending = await endWith(started, 'SIGTERM');
    expect(ending).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(healthy.spans.filter((s) => s.name === 'GET /work/:n')).toHaveLength(3);
  });

  it('when the app listens for SIGTERM itself: only flushes, and the app’s exit (code 7) stands', async () => {
    const healthy = await collector();
    const started = await tracedWithPendingSpans(healthy, {
      SIGNALKIT_SHUTDOWN_ON_SIGNALS: 'true',
      APP_EXIT_CODE: '7',
    });
    const ending = await endWith(started, 'SIGTERM');
    expect(ending).toMatchObject({ code: 7, signal: null });
    expect(healthy.spans.filter((s) => s.name === 'GET /work/:n')).toHaveLength(3);
    expect(started.stderr()).not.toMatch(ESCAPED);
  });

  it('is off by default: no listener, and SIGTERM kills at once, queued spans unsent', async () => {
    const healthy = await collector();
    const started = await tracedWithPendingSpans(healthy, {});
    const ending = await endWith(started, 'SIGTERM');
    expect(ending).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(healthy.spans).toHaveLength(0);
  });
});

describe('forceFlush() against a hung exporter', () => {
  it('forceFlush({ timeoutMillis: 1000 }) settles in under 1.1 s (spans and metric push both hanging)', async () => {
    const started = await tracedWithPendingSpans(await blackhole(), {
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_EXPORTER_OTLP_TIMEOUT: '30000',
      OTEL_BSP_EXPORT_TIMEOUT: '30000',
    });
    const { millis } = (await (await fetch(`${started.url}/flush?timeout=1000`)).json()) as {
      millis: number;
    };
    // It waited for the hung exports (so the bound is what ended it), and no longer than the bound.
    expect((receiver as OtlpReceiver).open).toBeGreaterThan(0);
    expect(millis).toBeGreaterThanOrEqual(990);
    expect(millis).toBeLessThan(1100);
  });
});

/** A port P such that P..P+count-1 are all free on 127.0.0.1 right now. */
async function freePortRange(count: number): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((done) => {
      const probe = createServer();
      probe.once('error', () => done(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
    });
  for (let base = 20_000 + Math.floor(Math.random() * 20_000); base < 60_000; base += count) {
    let all = true;
    for (let p = base; p < base + count && all; p++) all = await isFree(p);
    if (all) return base;
  }
  throw new Error('no free port range');
}

async function scrape(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('node:cluster under the preload', () => {
  it('each worker serves its own metrics on the next free port; none fails on the shared port', async () => {
    const base = await freePortRange(4);
    const started = await startApp(CLUSTER, {
      mode: 'require',
      env: { PORT: String(base + 3), OTEL_EXPORTER_PROMETHEUS_PORT: String(base), WORKERS: '2' },
    });
    app = started;
    const pids = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`http://127.0.0.1:${base + 3}/`);
      await res.text();
      pids.add(res.headers.get('x-worker-pid') ?? '');
    }
    // The primary on the configured port, the workers on the two after it, each with its own process.
    const processPid = (text: string) =>
      select(parsePrometheus(text), 'target_info')[0]?.labels.process_pid as string;
    const primary = processPid(await scrape(base));
    const workers = await Promise.all([base + 1, base + 2].map(async (port) => scrape(port)));
    const workerPids = workers.map(processPid);
    expect(new Set([primary, ...workerPids]).size).toBe(3);
    expect(new Set(workerPids)).toEqual(pids);
    // Each request counted once, by the worker that served it.
    const counted = workers
      .flatMap((text) => select(parsePrometheus(text), 'http_server_request_duration_seconds_count'))
      .reduce((sum, s) => sum + s.value, 0);
    expect(counted).toBe(40);
    expect(lines(started.stderr())).toEqual([]);
    expect(reports(started.stdout(), 'worker-exit')).toEqual([]);
  });
});
