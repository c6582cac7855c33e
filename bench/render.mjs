#!/usr/bin/env node
// Renders the markdown report again from a run's raw records (results/raw/*.jsonl), for example after
// a change to the report: node render.mjs results/raw/<time>-full.jsonl [out.md]
import { readFileSync, writeFileSync } from 'node:fs';
import { renderReport } from './lib/report.mjs';
import { throughputPairs } from './lib/throughput.mjs';
import { THROUGHPUT_VARIANTS } from './lib/variants.mjs';

const [input, output] = process.argv.slice(2);
if (!input) throw new Error('usage: node render.mjs <raw.jsonl> [out.md]');
const records = readFileSync(input, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const start = records.find((r) => r.type === 'meta');
const end = records.find((r) => r.type === 'end');
if (!start || !end) throw new Error(`${input}: no meta or end record (an interrupted run?)`);

const pairRecords = records.filter((r) => r.type === 'throughput');
const startup = new Map();
for (const r of records.filter((rec) => rec.type === 'startup')) {
  const key = `${r.subject.app}/${r.subject.variant}`;
  if (!startup.has(key)) startup.set(key, { app: r.subject.app, variant: r.subject.variant, pairs: [] });
  startup.get(key).pairs.push(r);
}
const apps = ['http', 'express'].filter((app) => pairRecords.some((r) => r.subject.app === app));
const rowOrder = throughputPairs(apps, THROUGHPUT_VARIANTS, { expressVsHttp: true }).map(
  ({ base, subject }) =>
    base.app === subject.app
      ? `${subject.app}/${subject.variant}`
      : `${subject.app}/${subject.variant} vs ${base.app}/${base.variant}`,
);
const { type: _type, failures, ...meta } = end;
const report = renderReport({
  meta,
  pairRecords,
  rowOrder,
  startupRecords: [...startup.values()],
  endpointDownRuns: records.filter((r) => r.type === 'endpoint-down'),
  failures,
});
if (output) writeFileSync(output, `${report}\n`);
process.stdout.write(`${report}\n`);
