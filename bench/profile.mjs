#!/usr/bin/env node
// CPU profile of one variant under load: where the time goes. Not part of `pnpm bench`.
//   node profile.mjs [--app=http|express] [--variant=signalkit-metrics] [--seconds=10] [--top=25] [--startup]
// The server runs as in the benchmark (CPU 0, wrk on CPU 1) with `node --cpu-prof`; after a 3 s warm-up
// the measured window is profiled; the server then exits cleanly (SIGUSR2) so the profile is written.
// --startup profiles one STARTUP_PROBE process instead (start → first response → exit), whole process.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeProfile } from './lib/cpuProfile.mjs';
import { pinSelf, runWrk, SERVER_CPU, startServer, startSink } from './lib/processes.mjs';
import { APPS, BENCH_DIR, childEnv, preloadArgs, VARIANTS } from './lib/variants.mjs';

const { values: args } = parseArgs({
  options: {
    app: { type: 'string', default: 'http' },
    variant: { type: 'string', default: 'signalkit-metrics' },
    seconds: { type: 'string', default: '10' },
    top: { type: 'string', default: '25' },
    startup: { type: 'boolean', default: false },
  },
});
if (!APPS[args.app] || !VARIANTS[args.variant])
  throw new Error(`unknown app or variant: ${args.app}/${args.variant}`);

await pinSelf();
const dir = mkdtempSync(join(tmpdir(), 'signalkit-cpuprof-'));
const pct = (share) => `${(share * 100).toFixed(1)} %`;
const top = Number(args.top);
if (args.startup) {
  await profileStartup();
  process.exit(0);
}
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

/** One STARTUP_PROBE process under --cpu-prof: self time by area, and inclusive time by area of module loading. */
async function profileStartup() {
  const child = spawn(
    'taskset',
    [
      '-c',
      SERVER_CPU,
      process.execPath,
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      ...preloadArgs(args.variant),
      APPS[args.app].script,
    ],
    {
      cwd: BENCH_DIR,
      env: childEnv(args.variant, { app: 0, metrics: 0, otlp: 4318 }, { STARTUP_PROBE: '1' }),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
  });
  await once(child, 'exit');
  const { probe } = JSON.parse(stdout.split('\n').find((l) => l.startsWith('{"probe"')));
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // Inclusive time of the top-level code of each package's files (module evaluation, requires included).
  const result = analyzeProfile(profile, {
    inclusiveFilter: (frame) =>
      frame.functionName === '' && frame.url !== '' && !frame.url.startsWith('node:'),
  });
  // A package's load cost: its largest top-level evaluation (its entry, which requires the rest).
  const byArea = new Map();
  for (const entry of result.inclusive)
    byArea.set(entry.area, Math.max(byArea.get(entry.area) ?? 0, entry.share));
  const out = [];
  out.push(`# Startup CPU profile: ${args.app}/${args.variant}`);
  out.push('');
  out.push(
    `First response at ${probe.firstResponseMs.toFixed(0)} ms, ${probe.cjsModules} CommonJS modules; ${result.samples} samples, ${pct(result.idleShare)} idle. Profile: ${join(dir, file)}`,
  );
  out.push('', '## Self time by area', '', '| area | self |', '|---|---|');
  for (const a of result.areas.slice(0, 15)) out.push(`| ${a.key} | ${pct(a.share)} |`);
  out.push(
    '',
    '## Loading each package (its largest top-level evaluation, inclusive of what it requires)',
    '',
    '| package | inclusive |',
    '|---|---|',
  );
  for (const [area, share] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 20))
    out.push(`| ${area} | ${pct(share)} |`);
  out.push(
    '',
    '## Largest module evaluations (inclusive: the file and everything it requires)',
    '',
    '| module top level | area | inclusive |',
    '|---|---|---|',
  );
  for (const f of result.inclusive.slice(0, top)) out.push(`| \`${f.key}\` | ${f.area} | ${pct(f.share)} |`);
  process.stdout.write(`${out.join('\n')}\n`);
}
