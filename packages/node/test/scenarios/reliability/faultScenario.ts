import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { parsePrometheus, type Sample, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { OtlpReceiver } from '../../support/otlpReceiver.js';

/** The reliability scenarios' service (see app.cjs for what it serves). */
export const APP = resolve(import.meta.dirname, 'app.cjs');

/** What /stats answers. */
export interface Stats {
  rss: number;
  heapUsed: number;
  unhandled: number;
  uncaught: number;
}

export async function stats(app: ChildApp): Promise<Stats> {
  return (await (await fetch(`${app.url}/stats`)).json()) as Stats;
}

/** The RSS of a process as the kernel reports it (no request to the process needed). */
export function rssOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

export async function sleep(millis: number): Promise<void> {
  await new Promise((r) => setTimeout(r, millis));
}

/** Sum of the samples of `name` whose labels satisfy `match`. */
export function total(
  samples: Sample[],
  name: string,
  match: (labels: Record<string, string>) => boolean = () => true,
): number {
  return select(samples, name)
    .filter((s) => match(s.labels))
    .reduce((sum, s) => sum + s.value, 0);
}

/**
 * Where every span handed to the batch processor is, from its self-metrics: exported, dropped (queue full,
 * or its export failed), still queued, or in the exporter's hands.
 */
export interface SpanAccounting {
  exported: number;
  dropped: number;
  queued: number;
  inflight: number;
}

export function spanAccounting(samples: Sample[]): SpanAccounting {
  return {
    exported: total(samples, 'otel_sdk_processor_span_processed_total', (l) => l.error_type === undefined),
    dropped: total(samples, 'otel_sdk_processor_span_processed_total', (l) => l.error_type !== undefined),
    queued: total(samples, 'otel_sdk_processor_span_queue_size'),
    inflight: total(samples, 'otel_sdk_exporter_span_inflight'),
  };
}

export async function accountingOf(app: ChildApp): Promise<SpanAccounting> {
  return spanAccounting(parsePrometheus(await app.metrics()));
}

export function accounted(a: SpanAccounting): number {
  return a.exported + a.dropped + a.queued + a.inflight;
}

/** The lines signalkit wrote on the app's stderr. */
export function diagnosticLines(app: ChildApp): string[] {
  return app
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('signalkit'));
}

/** What must never appear on an app's stderr: something escaped into the app, or Node warned about the SDK. */
export const ESCAPED = /UNHANDLED|UNCAUGHT|TimeoutNegativeWarning|Warning:|TypeError|RangeError/;

export interface TracedApp {
  app: ChildApp;
  receiver: OtlpReceiver;
}

/** A receiver (listening) and the app exporting its spans to it. */
export async function startTraced(
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<TracedApp> {
  const receiver = new OtlpReceiver();
  await receiver.listen();
  const app = await startApp(APP, {
    mode: 'init',
    nodeArgs,
    env: {
      OTEL_SERVICE_NAME: 'reliability',
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      ...env,
    },
  });
  return { app, receiver };
}

/** Keep-alive connections, so thousands of requests do not exhaust ephemeral ports. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One GET; resolves with the status and the latency in milliseconds (status 0 and the error code on a network error). */
export function timedGet(url: string): Promise<{ status: number; millis: number; error?: string }> {
  const started = performance.now();
  return new Promise((resolveGet) => {
    const failed = (error: NodeJS.ErrnoException) =>
      resolveGet({ status: 0, millis: performance.now() - started, error: error.code ?? error.message });
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, millis: performance.now() - started }));
      res.on('error', failed);
    });
    req.on('error', failed);
    req.end();
  });
}

export interface LoadResult {
  sent: number;
  statuses: Map<number, number>;
  /** Network errors by code. */
  errors: Map<string, number>;
  /** Latency of each request, in milliseconds, in the order they were sent. */
  latencies: number[];
}

/**
 * Paced open-loop load: `rate` requests per second for `seconds`, each to `path(i)`, without waiting for
 * earlier answers (so a slow app shows as latency, not as a lower rate).
 */
export async function pacedLoad(
  base: string,
  rate: number,
  seconds: number,
  path: (i: number) => string,
): Promise<LoadResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = new Array(total);
  const statuses = new Map<number, number>();
  const errors = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; sent < due; sent++) {
      const i = sent;
      pending.push(
        timedGet(`${base}${path(i)}`).then(({ status, millis, error }) => {
          latencies[i] = millis;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (error !== undefined) errors.set(error, (errors.get(error) ?? 0) + 1);
        }),
      );
    }
    await sleep(5);
  }
  await Promise.all(pending);
  return { sent: total, statuses, errors, latencies };
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Resolves once `predicate` (possibly async) holds, polling every 100 ms; throws after `timeoutMillis`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  timeoutMillis: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
