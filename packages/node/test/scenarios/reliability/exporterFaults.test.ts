import { createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus } from '../../../../../test/support/prometheusText.js';
import type { ChildApp } from '../../support/childApp.js';
import type { OtlpReceiver, ReceivedRequest } from '../../support/otlpReceiver.js';
import {
  accounted,
  accountingOf,
  diagnosticLines,
  ESCAPED,
  eventually,
  pacedLoad,
  rssOf,
  sleep,
  startTraced,
  stats,
  total,
} from './faultScenario.js';

// Faults of the OTLP receiver, one at a time, seen from a traced app in a child process: how many requests
// each export makes, how long each lasts, what the app prints, and that every span stays accounted for.
// The collector-down scenarios (tracing/collectorDown.test.ts) cover the queue bound and the bounded
// shutdown under load; these cover the exporter's side of each fault.

let running: { app: ChildApp; receiver: OtlpReceiver }[] = [];
afterEach(async () => {
  await Promise.all(
    running.map(async ({ app, receiver }) => {
      await app.stop();
      await receiver.close();
    }),
  );
  running = [];
});

async function traced(env: Record<string, string>) {
  const started = await startTraced(env);
  running.push(started);
  return started;
}

/** Sends `n` requests one after the other, `gapMillis` apart, so each lands in its own batch. */
async function spansInBatches(app: ChildApp, n: number, gapMillis: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    if (i > 0) await sleep(gapMillis);
    expect((await fetch(`${app.url}/work/${i}`)).status).toBe(200);
  }
}

/** Milliseconds between consecutive requests. */
function gaps(requests: readonly ReceivedRequest[]): number[] {
  return requests.slice(1).map((r, i) => r.at - (requests[i] as ReceivedRequest).at);
}

/** Upstream's backoff: 1 s, x1.5 per retry, at most 5 s, with ±20% jitter. The lower bound of retry k (1-based). */
function minBackoff(k: number): number {
  return Math.min(1000 * 1.5 ** (k - 1), 5000) * 0.8;
}

/**
 * One request and its export done, so that what loads on the first export (the exporter package, the
 * metrics SDK for its self-metrics) is in the baseline of a memory comparison, not in the difference.
 */
async function exportedOnce(app: ChildApp): Promise<void> {
  expect((await fetch(`${app.url}/work/warm-up`)).status).toBe(200);
  await eventually(
    async () => {
      const a = await accountingOf(app);
      return a.exported + a.dropped === 1;
    },
    10_000,
    'the warm-up export',
  );
}

async function noEscape(app: ChildApp): Promise<void> {
  expect(await stats(app)).toMatchObject({ unhandled: 0, uncaught: 0 });
  expect(app.stderr()).not.toMatch(ESCAPED);
}

describe('a receiver that accepts and never answers', () => {
  it('ends each export within its timeout + 1 s, one export open at a time, every span accounted for', async () => {
    const timeout = 1000;
    const { app, receiver } = await traced({
      OTEL_EXPORTER_OTLP_TIMEOUT: String(timeout),
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_BSP_EXPORT_TIMEOUT: '500',
    });
    receiver.behaviour = 'hang';
    const load = await pacedLoad(app.url, 50, 5, (i) => `/work/${i}`);
    expect([...load.statuses.keys()]).toEqual([200]);
    await sleep(timeout + 500);
    const ended = receiver.requests.filter((r) => r.endedAt !== undefined);
    expect(ended.length).toBeGreaterThanOrEqual(3);
    for (const r of ended) {
      expect(r.clientAborted).toBe(true);
      expect((r.endedAt as number) - r.at).toBeLessThan(timeout + 1000);
    }
    // Nothing left hanging longer than the bound either.
    for (const r of receiver.requests.filter((q) => q.endedAt === undefined))
      expect(Date.now() - r.at).toBeLessThan(timeout + 1000);
    expect(receiver.maxOpen).toBe(1);
    expect(accounted(await accountingOf(app))).toBe(load.sent);
    await noEscape(app);
  });

  it('with equal batch and exporter timeouts (as by default), every batch reaches the receiver: none refused by the exporter', async () => {
    const timeout = 1000;
    const { app, receiver } = await traced({
      OTEL_EXPORTER_OTLP_TIMEOUT: String(timeout),
      OTEL_BSP_EXPORT_TIMEOUT: String(timeout),
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    receiver.behaviour = 'hang';
    const load = await pacedLoad(app.url, 50, 5, (i) => `/work/${i}`);
    expect([...load.statuses.keys()]).toEqual([200]);
    await sleep(timeout + 500);
    // Were the processor to give up on an export before the exporter did, its next batch would find the
    // exporter still busy and be dropped unsent ("Concurrent export limit reached").
    expect(app.stderr()).not.toMatch(/Concurrent export limit/);
    const attempts = receiver.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect(receiver.maxOpen).toBe(1);
    expect(accounted(await accountingOf(app))).toBe(load.sent);
    await noEscape(app);
  });

  it('a refusing collector under load: each batch is tried, none refused unsent by the exporter', async () => {
    // Small batches fill faster than an export fails: the processor starts the next one at once.
    const { app, receiver } = await traced({
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '20',
    });
    await receiver.close();
    const load = await pacedLoad(app.url, 100, 5, (i) => `/work/${i}`);
    expect([...load.statuses.keys()]).toEqual([200]);
    expect(app.stderr()).not.toMatch(/Concurrent export limit/);
    expect(accounted(await accountingOf(app))).toBe(load.sent);
    await noEscape(app);
  });

  it('metrics push: each push ends within its timeout + 1 s, one open at a time', async () => {
    const timeout = 800;
    const { app, receiver } = await traced({
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: String(timeout),
    });
    receiver.behaviour = 'hang';
    await pacedLoad(app.url, 20, 4, (i) => `/work/${i}`);
    const pushes = receiver.requests.filter((r) => r.path === '/v1/metrics');
    expect(pushes.length).toBeGreaterThanOrEqual(2);
    for (const r of pushes.filter((q) => q.endedAt !== undefined))
      expect((r.endedAt as number) - r.at).toBeLessThan(timeout + 1000);
    expect(receiver.maxOpen).toBe(1);
    const samples = parsePrometheus(await app.metrics());
    expect(
      total(samples, 'otel_sdk_exporter_metric_data_point_exported_total', (l) => l.error_type !== undefined),
    ).toBeGreaterThan(0);
    await noEscape(app);
  });
});

describe('a 503 storm', () => {
  it('retries each batch at most 5 times with a growing backoff, then drops it and counts it (spans and metric pushes)', async () => {
    const { app, receiver } = await traced({
      OTEL_EXPORTER_OTLP_TIMEOUT: '20000',
      OTEL_BSP_EXPORT_TIMEOUT: '30000',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'prometheus,otlp',
      OTEL_METRIC_EXPORT_TIMEOUT: '30000',
    });
    receiver.behaviour = { status: 503 };
    await spansInBatches(app, 1, 0);
    // One metric push too (the interval is a minute): a flush starts it.
    await fetch(`${app.url}/flush?timeout=10`);
    // Other requests (the flush) make spans of their own, exported after this batch: follow the first batch.
    const of = (path: string) => {
      const first = receiver.requests.find((r) => r.path === path);
      return receiver.requests.filter(
        (r) => r.path === path && first !== undefined && r.body.equals(first.body),
      );
    };
    // 1 + 5 attempts take at least 0.8 * (1 + 1.5 + 2.25 + 3.375 + 5) s ≈ 10.5 s.
    await receiver.waitFor(
      () => of('/v1/traces').length >= 6 && of('/v1/metrics').length >= 6,
      20_000,
      '6 attempts',
    );
    await sleep(2500);
    for (const path of ['/v1/traces', '/v1/metrics']) {
      const attempts = of(path);
      // Never a 7th attempt of the batch.
      expect(attempts, path).toHaveLength(6);
      gaps(attempts).forEach((gap, k) => {
        expect(gap, `${path} retry ${k + 1}`).toBeGreaterThanOrEqual(minBackoff(k + 1) - 50);
      });
    }
    const samples = parsePrometheus(await app.metrics());
    expect(
      total(samples, 'otel_sdk_processor_span_processed_total', (l) => l.error_type === 'OTLPExporterError'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(samples, 'otel_sdk_exporter_metric_data_point_exported_total', (l) => l.error_type !== undefined),
    ).toBeGreaterThan(0);
    expect(diagnosticLines(app).length, diagnosticLines(app).join('\n')).toBeLessThanOrEqual(2);
    await noEscape(app);
  });
});

describe('429 with Retry-After', () => {
  const at = (seconds: number) => new Date(Math.ceil(Date.now() / 1000 + seconds) * 1000).toUTCString();
  it.each([
    ['seconds (2)', () => '2', 1900],
    ['an HTTP date 3 s ahead', () => at(3), 1900],
    ['garbage', () => 'soon, maybe', minBackoff(1)],
    ['0', () => '0', minBackoff(1)],
    ['a date in the past', () => 'Thu, 01 Jan 1970 00:00:00 GMT', minBackoff(1)],
  ])(
    'as %s: one retry after that delay (or the backoff when it is no delay), never a throw',
    async (_name, value, minGap) => {
      const { app, receiver } = await traced({
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TIMEOUT: '8000',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      receiver.behaviour = (_request, index) =>
        index === 0 ? { status: 429, headers: { 'retry-after': value() } } : { status: 200 };
      await spansInBatches(app, 1, 0);
      await receiver.waitFor(() => receiver.requests.length >= 2, 10_000, 'the retry');
      await sleep(300);
      expect(receiver.requests).toHaveLength(2);
      // The retry carried the batch that was refused.
      expect(receiver.requests[1]?.body.equals(receiver.requests[0]?.body as Buffer)).toBe(true);
      expect(gaps(receiver.requests)[0]).toBeGreaterThanOrEqual(minGap);
      expect((await accountingOf(app)).exported).toBe(1);
      expect(diagnosticLines(app)).toEqual([]);
      await noEscape(app);
    },
  );
});

describe('statuses that must not be retried', () => {
  it.each([400, 401, 404, 413, 500])(
    '%i: one request per batch, dropped and counted, one diagnostic line',
    async (status) => {
      const { app, receiver } = await traced({ OTEL_BSP_SCHEDULE_DELAY: '50' });
      receiver.behaviour = { status, body: `{"message":"rejected"}` };
      await spansInBatches(app, 3, 400);
      await receiver.waitFor(() => receiver.requests.length >= 3, 5000, 'three exports');
      await sleep(1200);
      expect(receiver.requests).toHaveLength(3);
      const a = await accountingOf(app);
      expect(a).toMatchObject({ exported: 0, dropped: 3 });
      const lines = diagnosticLines(app);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`(HTTP ${status})`);
      // Short: no stack, no response body.
      expect(lines[0]?.length).toBeLessThan(300);
      expect(lines[0]).not.toContain('rejected');
      await noEscape(app);
    },
  );
});

/** A gzip body that inflates to `inflated` bytes of zeros. */
async function gzipBomb(inflated: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => gzip.on('end', r));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < inflated; written += zeros.length)
    if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

describe('hostile answers', () => {
  const MiB = 1024 * 1024;

  it('a connection reset mid-response: bounded retries, dropped and counted, nothing escapes', async () => {
    const { app, receiver } = await traced({
      OTEL_EXPORTER_OTLP_TIMEOUT: '4000',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    receiver.behaviour = 'reset';
    await spansInBatches(app, 1, 0);
    await eventually(async () => (await accountingOf(app)).dropped === 1, 10_000, 'the drop');
    expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
    expect(receiver.requests.length).toBeLessThanOrEqual(6);
    expect((await fetch(`${app.url}/work/1`)).status).toBe(200);
    await noEscape(app);
  });

  it('a 50 MB response: the read stops at 4 MiB, the export fails and is counted, memory stays flat', async () => {
    const { app, receiver } = await traced({ OTEL_BSP_SCHEDULE_DELAY: '50' });
    await exportedOnce(app);
    receiver.behaviour = { status: 200, streamBytes: 50 * MiB };
    const pid = app.child.pid as number;
    const before = rssOf(pid);
    await spansInBatches(app, 1, 0);
    await eventually(async () => (await accountingOf(app)).dropped === 1, 10_000, 'the drop');
    const request = receiver.requests[1] as ReceivedRequest;
    await receiver.waitFor(() => request.endedAt !== undefined, 5000, 'the client to hang up');
    expect(request.clientAborted).toBe(true);
    // What the server could write before the client hung up: 4 MiB read plus what socket buffers hold.
    expect(request.bytesWritten).toBeLessThan(16 * MiB);
    expect(receiver.requests).toHaveLength(2);
    expect(rssOf(pid) - before).toBeLessThan(20 * MiB);
    await noEscape(app);
  });

  it('a gzip bomb (256 MiB of zeros in a small body): never inflated, memory stays flat', async () => {
    const bomb = await gzipBomb(256 * MiB);
    const { app, receiver } = await traced({ OTEL_BSP_SCHEDULE_DELAY: '50' });
    receiver.behaviour = {
      status: 200,
      headers: { 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' },
      body: bomb,
    };
    await exportedOnce(app);
    const before = await stats(app);
    await spansInBatches(app, 3, 200);
    await receiver.waitFor(() => receiver.requests.length >= 4, 5000, 'three more exports');
    await sleep(300);
    const after = await stats(app);
    expect(after.rss - before.rss).toBeLessThan(64 * MiB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * MiB);
    expect((await fetch(`${app.url}/work/9`)).status).toBe(200);
    await noEscape(app);
  });
});
