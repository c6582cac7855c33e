#!/usr/bin/env node
// Soak: the reliability scenario app (test/scenarios/reliability/app.cjs) under steady load for a long
// time, with tracing on and its collector down (the case where exporters historically piled up memory).
// Prints RSS (and heap after a full GC) every sample interval, and at the end the least-squares slope of
// RSS over time. Not part of CI: run it by hand, after `pnpm --filter @signalkit/node build`.
//
//   node packages/node/test/soak/soak.mjs                      # 30 min, 200 req/s, 1% slow, collector down
//   node packages/node/test/soak/soak.mjs --minutes 3          # a short run
//   node packages/node/test/soak/soak.mjs --collector up       # collector healthy (a local receiver)
//   node packages/node/test/soak/soak.mjs --collector none     # metrics only, no tracing
//
// Options: --minutes N (30), --rate N requests/s (200), --slow-percent N (1; those take 500 ms),
// --sample-seconds N (60), --collector down|up|none (down), --max-slope-mib-per-hour N (fail above; off).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const APP = resolve(here, '../scenarios/reliability/app.cjs');
const MiB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '200' },
    'slow-percent': { type: 'string', default: '1' },
    'sample-seconds': { type: 'string', default: '60' },
    collector: { type: 'string', default: 'down' },
    'max-slope-mib-per-hour': { type: 'string' },
  },
});
const MINUTES = Number(values.minutes);
const RATE = Number(values.rate);
const SLOW_EVERY = Math.round(100 / Number(values['slow-percent']));
const SAMPLE_SECONDS = Number(values['sample-seconds']);
const COLLECTOR = values.collector;
if (!['down', 'up', 'none'].includes(COLLECTOR)) throw new Error('--collector must be down, up or none');

/** A free port on 127.0.0.1, released. */
function freePort() {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** A collector that accepts every export and answers 200, counting them. */
async function healthyCollector() {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    exports: () => exports,
    close: () => server.close(),
  };
}

const collector = COLLECTOR === 'up' ? await healthyCollector() : undefined;
const port = await freePort();
const metricsPort = await freePort();
const tracesEnv =
  COLLECTOR === 'none'
    ? {}
    : {
        OTEL_TRACES_EXPORTER: 'otlp',
        // Down: a port nothing listens on, so every export is refused.
        OTEL_EXPORTER_OTLP_ENDPOINT: collector?.url ?? `http://127.0.0.1:${await freePort()}`,
      };
const child = spawn(process.execPath, ['--expose-gc', APP], {
  env: {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    OTEL_SERVICE_NAME: 'soak',
    ...tracesEnv,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((done, fail) => {
  child.stdout.on('data', (d) => {
    if (String(d).includes('listening ')) done();
  });
  child.once('exit', (code) => fail(new Error(`app exited with ${code} before listening`)));
});
const base = `http://127.0.0.1:${port}`;

function rss() {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let errors = 0;
let latencies = [];
function get(path) {
  const started = performance.now();
  const req = request(`${base}${path}`, { agent }, (res) => {
    res.resume();
    res.on('end', () => latencies.push(performance.now() - started));
  });
  req.on('error', () => errors++);
  req.end();
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

async function memoryAfterGc() {
  const res = await fetch(`${base}/stats`);
  return await res.json();
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

process.stdout.write(
  `soak: ${MINUTES} min at ${RATE} req/s, 1 in ${SLOW_EVERY} slow (500 ms), collector ${COLLECTOR}, RSS every ${SAMPLE_SECONDS} s\n`,
);
const samples = [];
const t0 = performance.now();
const end = t0 + MINUTES * 60_000;
let sent = 0;
let nextSample = t0 + SAMPLE_SECONDS * 1000;
const record = async () => {
  const minutes = (performance.now() - t0) / 60_000;
  const memory = await memoryAfterGc();
  const mib = (bytes) => Number((bytes / MiB).toFixed(1));
  const sample = {
    minute: Number(minutes.toFixed(2)),
    rssMiB: mib(rss()),
    heapAfterGcMiB: mib(memory.heapUsed),
    heapTotalMiB: mib(memory.heapTotal),
    externalMiB: mib(memory.external),
    p50Ms: Number(quantile(latencies, 0.5).toFixed(2)),
    p99Ms: Number(quantile(latencies, 0.99).toFixed(2)),
    requests: sent,
    errors,
  };
  latencies = [];
  samples.push(sample);
  process.stdout.write(`sample ${JSON.stringify(sample)}\n`);
};
await record();
while (performance.now() < end) {
  const due = Math.floor(((performance.now() - t0) / 1000) * RATE);
  for (; sent < due; sent++)
    get(sent % SLOW_EVERY === SLOW_EVERY - 1 ? `/work/${sent}?slow=500` : `/work/${sent % 7}`);
  if (performance.now() >= nextSample) {
    nextSample += SAMPLE_SECONDS * 1000;
    await record();
  }
  await new Promise((r) => setTimeout(r, 5));
}
if (samples.at(-1)?.requests !== sent) await record();

// The first sample is the process before load: the slope is fitted from the first loaded sample on.
const fitted = samples.slice(1);
const perHour = (key) => (slope(fitted.map((s) => [s.minute, s[key]])) * 60).toFixed(2);
const summary = {
  minutes: MINUTES,
  rate: RATE,
  collector: COLLECTOR,
  requests: sent,
  errors,
  rssFirstMiB: fitted[0]?.rssMiB,
  rssLastMiB: fitted.at(-1)?.rssMiB,
  rssSlopeMiBPerHour: Number(perHour('rssMiB')),
  heapAfterGcSlopeMiBPerHour: Number(perHour('heapAfterGcMiB')),
  collectorExports: collector?.exports(),
};
process.stdout.write(`summary ${JSON.stringify(summary)}\n`);
child.kill('SIGTERM');
collector?.close();
agent.destroy();
const limit = values['max-slope-mib-per-hour'];
process.exitCode = limit !== undefined && summary.rssSlopeMiBPerHour > Number(limit) ? 1 : 0;
