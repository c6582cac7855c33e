#!/usr/bin/env node
// signalkit-load: sends a fixed, known mix of requests to the orders example and prints the ground truth.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatGroundTruth } from './groundTruth.js';
import { BLOCK_SIZE, MIX } from './mix.js';
import { runLoad } from './runLoad.js';

const USAGE = `Usage: signalkit-load [options]

Sends a fixed mix to the orders example, per ${BLOCK_SIZE} requests (in a seeded order):
${MIX.map((e) => `  ${String(e.weight).padStart(3)} ${e.method.padEnd(5)} ${e.route ?? '(unknown path)'}`).join('\n')}
and prints the ground truth: requests per (method, route template, status), with client-side latency.
Without --count or --duration it runs until Ctrl-C, then prints it.

Options:
  --target <url>       base URL of the orders service (default http://127.0.0.1:3000)
  --rate <n>           requests per second (default 20; 0: as fast as the concurrency allows)
  --duration <s>       stop after this many seconds
  --count <n>          send exactly this many requests
  --concurrency <n>    requests in flight at most (default 4)
  --seed <n>           seed of the order and parameters (default 1)
  --json               print the ground truth as JSON instead of a table
  --out <file>         also write the ground truth as JSON to <file>
  -h, --help`;

function number(name, raw, { integer = false, min = 0 } = {}) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new Error(
      `--${name} ${JSON.stringify(raw)}: expected ${integer ? 'an integer' : 'a number'} >= ${min}`,
    );
  }
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.target !== undefined) new URL(values.target); // throws "Invalid URL" early
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const report = await runLoad({
    target: values.target,
    rate: number('rate', values.rate),
    durationSeconds: number('duration', values.duration),
    count: number('count', values.count, { integer: true }),
    concurrency: number('concurrency', values.concurrency, { integer: true, min: 1 }),
    seed: number('seed', values.seed, { integer: true }),
    signal: stop.signal,
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (values.out !== undefined) writeFileSync(values.out, json);
  process.stdout.write(values.json ? json : `${formatGroundTruth(report)}\n`);
  return report.answered === 0 && report.total > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`signalkit-load: ${error.message}`);
    process.exitCode = 2;
  },
);
