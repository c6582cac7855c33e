#!/usr/bin/env node
// `pnpm bench`: signalkit side by side with a bare server and the peers, in one run. See README.md.
//   --quick (or BENCH_QUICK=1)   one short round: checks that every variant starts, serves and reports
//   --rounds=N --warmup=S --duration=S --startup-pairs=N --memory-seconds=S
//   --only=startup,throughput,endpoint-down   --apps=http,express   --variants=signalkit-metrics,...
//   --out=FILE                   where the markdown goes (default: results/<date>.md for a default full run,
//                                results/raw/<mode>-<date>.md otherwise)
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { endpointDownRun } from './lib/endpointDown.mjs';
import { loadAverage, machineInfo } from './lib/machine.mjs';
import { killChildren, pinSelf, startSink } from './lib/processes.mjs';
import { renderReport } from './lib/report.mjs';
import { snapshotSignalkit } from './lib/signalkitSnapshot.mjs';
import { startupPairs } from './lib/startup.mjs';
import { fmtDelta, summary } from './lib/stats.mjs';
import { measureRun, rotate, throughputPairs } from './lib/throughput.mjs';
import {
  BENCH_DIR,
  ENDPOINT_DOWN_VARIANTS,
  STARTUP_VARIANTS,
  THROUGHPUT_VARIANTS,
  useSignalkitRegister,
  VARIANTS,
} from './lib/variants.mjs';

const FULL = { rounds: 5, warmupSeconds: 3, durationSeconds: 10, startupPairs: 15, memorySeconds: 60 };
const QUICK = { rounds: 1, warmupSeconds: 1, durationSeconds: 2, startupPairs: 2, memorySeconds: 10 };

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    rounds: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    'startup-pairs': { type: 'string' },
    'memory-seconds': { type: 'string' },
    only: { type: 'string' },
    apps: { type: 'string' },
    variants: { type: 'string' },
    out: { type: 'string' },
  },
});

const base = args.quick ? QUICK : FULL;
const params = {
  rounds: Number(args.rounds ?? base.rounds),
  warmupSeconds: Number(args.warmup ?? base.warmupSeconds),
  durationSeconds: Number(args.duration ?? base.durationSeconds),
  startupPairs: Number(args['startup-pairs'] ?? base.startupPairs),
  memorySeconds: Number(args['memory-seconds'] ?? base.memorySeconds),
};
for (const [name, value] of Object.entries(params))
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`bench: ${name} must be a positive integer, got ${value}`);
const parts = new Set((args.only ?? 'startup,throughput,endpoint-down').split(','));
const apps = (args.apps ?? 'http,express').split(',');
const chosen = args.variants?.split(',');
for (const name of chosen ?? []) if (!VARIANTS[name]) throw new Error(`bench: unknown variant ${name}`);
const pick = (list) => (chosen ? list.filter((v) => chosen.includes(v)) : list);
const isDefault =
  !args.quick &&
  Object.entries(FULL).every(([k, v]) => params[k] === v) &&
  !args.only &&
  !args.apps &&
  !chosen;
const mode = args.quick ? 'quick' : isDefault ? 'full' : 'custom';

const log = (line) => process.stderr.write(`bench: ${line}\n`);

const started = new Date();
const date = started.toISOString().slice(0, 10);
const stamp = started.toISOString().slice(0, 19).replace(/[-:]/g, '');
const resultsDir = join(BENCH_DIR, 'results');
mkdirSync(join(resultsDir, 'raw'), { recursive: true });
const rawPath = join(resultsDir, 'raw', `${stamp}-${mode}.jsonl`);
const reportPath =
  args.out ??
  (mode === 'full' ? join(resultsDir, `${date}.md`) : join(resultsDir, 'raw', `${mode}-${date}.md`));
const raw = (record) => appendFileSync(rawPath, `${JSON.stringify(record)}\n`);

const machine = machineInfo();
if (!(await pinSelf())) log('could not pin the harness to CPU 1 (taskset); continuing');

// The code measured: a private copy of @signalkit/node's dist/, taken now (see lib/signalkitSnapshot.mjs).
let snapshot;
try {
  snapshot = await snapshotSignalkit({ waitMillis: mode === 'quick' ? 60_000 : 300_000 });
} catch (error) {
  log(error.message);
  process.exit(1);
}
useSignalkitRegister(snapshot.register);
machine.signalkitBuild = { builtAt: snapshot.builtAt, sha256: snapshot.hash };
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    log(`${signal}: ending the children and stopping`);
    killChildren();
    snapshot.remove();
    process.exit(130);
  });
const loadBefore = loadAverage();
log(
  `${mode} mode, ${JSON.stringify(params)}; load average ${loadBefore.join(' ')}; raw records: ${relative(process.cwd(), rawPath)}`,
);
raw({ type: 'meta', mode, params, machine, loadBefore, startedAt: started.toISOString() });

const failures = [];
const fail = (message) => {
  failures.push(message);
  log(`FAILED: ${message}`);
};

const sink = await startSink();
const startupRecords = [];
const pairRecords = [];
const endpointDownRuns = [];
const pairs = throughputPairs(apps, pick(THROUGHPUT_VARIANTS), { expressVsHttp: mode !== 'quick' });
const rowOrder = pairs.map(({ base, subject }) =>
  base.app === subject.app
    ? `${subject.app}/${subject.variant}`
    : `${subject.app}/${subject.variant} vs ${base.app}/${base.variant}`,
);

try {
  if (parts.has('startup')) {
    for (const app of apps)
      for (const variant of pick(STARTUP_VARIANTS)) {
        try {
          const records = await startupPairs(app, variant, {
            pairs: params.startupPairs,
            otlpPort: sink.port,
            attempt: withRetry,
            onRecord: (record) => raw({ type: 'startup', ...record }),
          });
          startupRecords.push({ app, variant, pairs: records });
          const ms = summary(records.map((r) => r.subject.firstResponseMs - r.base.firstResponseMs));
          log(`startup ${app}/${variant}: first response ${fmtDelta(ms.median, 0)} ms vs bare`);
        } catch (error) {
          fail(`startup ${app}/${variant}: ${error.message}`);
        }
      }
  }

  if (parts.has('throughput')) {
    for (let round = 0; round < params.rounds; round++) {
      log(`round ${round + 1}/${params.rounds}, load average ${loadAverage().join(' ')}`);
      for (const pair of rotate(pairs, round, params.rounds)) {
        const order = round % 2 === 0 ? ['base', 'subject'] : ['subject', 'base'];
        const result = {};
        try {
          for (const side of order) {
            const { app, variant } = pair[side];
            result[side] = await withRetry(`${app}/${variant}`, () =>
              measureRun(app, variant, { ...params, sink }),
            );
            checkRun(result[side]);
          }
        } catch (error) {
          fail(`${pair.subject.app}/${pair.subject.variant} (round ${round + 1}): ${error.message}`);
          continue;
        }
        const record = { type: 'throughput', round, order, ...result };
        raw(record);
        pairRecords.push(record);
        const { base: b, subject: s } = result;
        log(
          `  ${s.app}/${s.variant}: ${s.rps.toFixed(0)} req/s vs ${b.app}/${b.variant} ${b.rps.toFixed(0)} (ratio ${(s.rps / b.rps).toFixed(3)}), ${s.cpuUsPerRequest.toFixed(1)} vs ${b.cpuUsPerRequest.toFixed(1)} µs/req`,
        );
      }
    }
    // A traced variant at 100% must have exported something in its lifetime.
    for (const variant of ['signalkit-traces-100', 'auto-traces'])
      for (const app of apps) {
        const runs = pairRecords.filter((r) => r.subject.app === app && r.subject.variant === variant);
        if (runs.length > 0 && runs.every((r) => r.subject.sink.lifetimePosts === 0))
          fail(`${app}/${variant}: no span export reached the OTLP sink`);
      }
  }

  if (parts.has('endpoint-down')) {
    // Quick mode skips the bare reference run to stay short.
    const downVariants = ENDPOINT_DOWN_VARIANTS.filter((v) =>
      v === 'bare' ? mode !== 'quick' : !chosen || chosen.includes(v),
    );
    for (const variant of downVariants) {
      if (!apps.includes('http')) break;
      try {
        const run = await withRetry(`endpoint down http/${variant}`, () =>
          endpointDownRun('http', variant, { seconds: params.memorySeconds }),
        );
        if (run.requests === 0) fail(`endpoint down http/${variant}: served no request`);
        raw({ type: 'endpoint-down', ...run });
        endpointDownRuns.push(run);
        log(
          `endpoint down http/${variant}: RSS ${run.samples.map((s) => (s.rssBytes / 1048576).toFixed(0)).join(' ')} MiB`,
        );
      } catch (error) {
        fail(`endpoint down http/${variant}: ${error.message}`);
      }
    }
  }
} finally {
  await sink.stop();
  snapshot.remove();
}

/**
 * Runs `task`; if it throws, waits and runs it once more. Other engineers rebuild packages/node/dist in the
 * same checkout, and a server started while dist/ is being rewritten cannot load signalkit.
 */
async function withRetry(name, task) {
  try {
    return await task();
  } catch (error) {
    log(`${name} failed (${error.message.split('\n')[0]}); retrying once in 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    return task();
  }
}

/** What "served" means for a run: requests, no socket or HTTP errors, a working /metrics when it has one. */
function checkRun(run) {
  const where = `${run.app}/${run.variant}`;
  if (!(run.requests > 0)) throw new Error(`${where} served no request`);
  const errors = Object.entries(run.errors).filter(([, n]) => n > 0);
  if (errors.length)
    throw new Error(`${where} had errors under load: ${JSON.stringify(Object.fromEntries(errors))}`);
  if (run.scrapes?.some((g) => g.status !== 200 || g.series === 0))
    throw new Error(
      `${where} /metrics did not answer 200 with series: ${JSON.stringify(run.scrapes.map((g) => g.status))}`,
    );
}

const allRuns = pairRecords.flatMap((r) => [r.base, r.subject]);
const meta = {
  mode,
  date,
  params,
  machine,
  loadBefore,
  loadAfter: loadAverage(),
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  noise: allRuns.length
    ? {
        other: summary(allRuns.map((r) => r.cpu0OtherPct)),
        runsAbove10: allRuns.filter((r) => r.cpu0OtherPct > 10).length,
        steal: summary(allRuns.map((r) => r.cpu0StealPct)),
      }
    : undefined,
};
raw({ type: 'end', ...meta, failures });

const report = renderReport({ meta, pairRecords, rowOrder, startupRecords, endpointDownRuns, failures });
if (!report.includes('| variant')) fail('the report has no table');
writeFileSync(reportPath, `${report}\n`);
process.stdout.write(`${report}\n`);
log(`report: ${relative(process.cwd(), reportPath)}; raw: ${relative(process.cwd(), rawPath)}`);
if (!existsSync(reportPath)) fail('report not written');
process.exit(failures.length === 0 ? 0 : 1);
