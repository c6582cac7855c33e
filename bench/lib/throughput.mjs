// Throughput pairs: [bare, variant] on the same app, each a fresh server on CPU 0, loaded by wrk on
// CPU 1 (warm-up, then the measured window), then read: CPU time, RSS, a few scrapes of /metrics.

import { get, runWrk, SERVER_CPU, startServer } from './processes.mjs';
import { cpuMicros, cpuTimes, rssBytes } from './procfs.mjs';
import { APPS, VARIANTS } from './variants.mjs';

/** The pairs of one round: every variant against bare on the same app, and Express bare against http bare. */
export function throughputPairs(apps, variants, { expressVsHttp }) {
  const pairs = [];
  if (expressVsHttp && apps.includes('http') && apps.includes('express'))
    pairs.push({ base: { app: 'http', variant: 'bare' }, subject: { app: 'express', variant: 'bare' } });
  for (const app of apps)
    for (const variant of variants) pairs.push({ base: { app, variant: 'bare' }, subject: { app, variant } });
  return pairs;
}

/** Round `round`'s order: the pair list rotated so each round starts elsewhere. */
export function rotate(pairs, round, rounds) {
  const step = Math.max(1, Math.ceil(pairs.length / Math.max(1, rounds)));
  const shift = (round * step) % pairs.length;
  return [...pairs.slice(shift), ...pairs.slice(0, shift)];
}

function parseExposition(body) {
  const lines = body.split('\n');
  return {
    series: lines.filter((l) => l.length > 0 && !l.startsWith('#')).length,
    families: lines.filter((l) => l.startsWith('# TYPE ')).length,
    bytes: Buffer.byteLength(body),
  };
}

/** GET /metrics 5 times, each on a new connection: the first, then the median of the other 4 is reported. */
async function scrape(url) {
  const gets = [];
  for (let i = 0; i < 5; i++) {
    const { status, body, ms } = await get(url);
    gets.push({ status, ms, ...parseExposition(body) });
  }
  return gets;
}

/** One measured run of `app` under `variant`. */
export async function measureRun(app, variant, { warmupSeconds, durationSeconds, sink }) {
  const traced = VARIANTS[variant].traced === true;
  const sinkAtStart = traced ? await sink.stats() : undefined;
  const server = await startServer(app, variant, { otlpPort: sink.port });
  try {
    const url = `http://127.0.0.1:${server.ports.app}${APPS[app].path}`;
    await runWrk(url, warmupSeconds);

    const sinkBefore = traced ? await sink.stats() : undefined;
    const cpu0Before = cpuTimes(SERVER_CPU);
    const cpuBefore = cpuMicros(server.pid);
    const wrk = await runWrk(url, durationSeconds);
    const cpuAfter = cpuMicros(server.pid);
    const cpu0After = cpuTimes(SERVER_CPU);
    const sinkAfter = traced ? await sink.stats() : undefined;
    const rss = rssBytes(server.pid);

    const windowUs = cpu0After.total - cpu0Before.total;
    const serverUs = cpuAfter - cpuBefore;
    const seconds = wrk.durationUs / 1e6;
    const scrapeTarget = VARIANTS[variant].scrape;
    const scrapes =
      scrapeTarget === undefined
        ? undefined
        : await scrape(
            `http://127.0.0.1:${scrapeTarget === 'app' ? server.ports.app : server.ports.metrics}/metrics`,
          );
    await server.stop();
    const sinkAtEnd = traced ? await sink.stats() : undefined;
    return {
      app,
      variant,
      requests: wrk.requests,
      rps: wrk.requests / seconds,
      errors: wrk.errors,
      latencyUs: wrk.latencyUs,
      cpuUsPerRequest: serverUs / wrk.requests,
      rssBytes: rss,
      // Time on CPU 0 used by anything but the server (other work on the machine), and steal, in % of the window.
      cpu0OtherPct: (100 * (cpu0After.busy - cpu0Before.busy - serverUs)) / windowUs,
      cpu0StealPct: (100 * (cpu0After.steal - cpu0Before.steal)) / windowUs,
      scrapes,
      sink: traced
        ? {
            windowPosts: sinkAfter.posts - sinkBefore.posts,
            windowBytes: sinkAfter.bytes - sinkBefore.bytes,
            windowSpans: sinkAfter.spans - sinkBefore.spans,
            undecoded: sinkAfter.undecoded - sinkBefore.undecoded,
            lifetimePosts: sinkAtEnd.posts - sinkAtStart.posts,
          }
        : undefined,
      stderr: server.stderr().slice(0, 2000),
    };
  } finally {
    await server.stop();
  }
}
