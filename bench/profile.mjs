#!/usr/bin/env node
// CPU profile of one variant under load: where the time goes. Not part of `pnpm bench`.
//   node profile.mjs [--app=http|express] [--variant=signalkit-metrics] [--seconds=10] [--top=25]
// The server runs as in the benchmark (CPU 0, wrk on CPU 1) with `node --cpu-prof`; after a 3 s warm-up
// the measured window is profiled; the server then exits cleanly (SIGUSR2) so the profile is written.
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeProfile } from './lib/cpuProfile.mjs';
import { pinSelf, runWrk, startServer, startSink } from './lib/processes.mjs';
import { APPS, VARIANTS } from './lib/variants.mjs';

const { values: args } = parseArgs({
  options: {
    app: { type: 'string', default: 'http' },
    variant: { type: 'string', default: 'signalkit-metrics' },
    seconds: { type: 'string', default: '10' },
    top: { type: 'string', default: '25' },
  },
});
if (!APPS[args.app] || !VARIANTS[args.variant])
  throw new Error(`unknown app or variant: ${args.app}/${args.variant}`);
const top = Number(args.top);

await pinSelf();
const dir = mkdtempSync(join(tmpdir(), 'signalkit-cpuprof-'));
const sink = await startSink();
const server = await startServer(args.app, args.variant, {
  otlpPort: sink.port,
  extraEnv: { BENCH_CPU_PROF: '1' },
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
const url = `http://127.0.0.1:${server.ports.app}${APPS[args.app].path}`;
await runWrk(url, 3);
// The profile's clock is the monotonic clock in microseconds, as process.hrtime.
const fromUs = Number(process.hrtime.bigint() / 1000n);
const wrk = await runWrk(url, Number(args.seconds));
const toUs = Number(process.hrtime.bigint() / 1000n);
server.child.kill('SIGUSR2');
await once(server.child, 'exit');
await sink.stop();

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
let result = analyzeProfile(profile, {
  fromUs,
  toUs,
  inclusiveFilter: (frame) => /packages\/node\/dist|@opentelemetry|prom-client/.test(frame.url),
});
let window = 'the measured window';
if (result.samples < 100) {
  result = analyzeProfile(profile);
  window = 'the whole process (the window did not match the profile clock)';
}

const pct = (share) => `${(share * 100).toFixed(1)} %`;
const out = [];
out.push(`# CPU profile: ${args.app}/${args.variant}`);
out.push('');
out.push(
  `${(wrk.requests / (wrk.durationUs / 1e6)).toFixed(0)} req/s under wrk -t1 -c50 for ${args.seconds} s; ${result.samples} samples in ${window}, ${pct(result.idleShare)} idle. Shares are of the non-idle samples. Profile: ${join(dir, file)}`,
);
out.push('', '## Self time by area', '', '| area | self |', '|---|---|');
for (const a of result.areas.slice(0, 15)) out.push(`| ${a.key} | ${pct(a.share)} |`);
out.push('', `## Top ${top} functions by self time`, '', '| function | area | self |', '|---|---|---|');
for (const f of result.self.slice(0, top)) out.push(`| \`${f.key}\` | ${f.area} | ${pct(f.share)} |`);
out.push(
  '',
  '## Instrumentation functions by inclusive time (signalkit dist, @opentelemetry, prom-client)',
  '',
  '| function | area | inclusive |',
  '|---|---|---|',
);
for (const f of result.inclusive.slice(0, top)) out.push(`| \`${f.key}\` | ${f.area} | ${pct(f.share)} |`);
process.stdout.write(`${out.join('\n')}\n`);
