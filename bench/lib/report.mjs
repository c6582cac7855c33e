// The markdown report: targets of issue 8, then the throughput, scrape, startup and endpoint-down tables.

import { SAMPLE_EVERY_SECONDS } from './endpointDown.mjs';
import { fmt, fmtDelta, fmtRange, MIB, median, summary } from './stats.mjs';

const MB = 1e6;
/** A pair is "quiet" when other work took less than this share (%) of CPU 0 during both measured windows. */
export const QUIET_OTHER_PCT = 10;

function label(pair) {
  const { base, subject } = pair;
  return base.app === subject.app
    ? `${subject.app}/${subject.variant}`
    : `${subject.app}/${subject.variant} vs ${base.app}/${base.variant}`;
}

/** Groups throughput pair records by row (same app + variant + baseline), in first-seen order of `rowOrder`. */
export function throughputRows(pairRecords, rowOrder) {
  const rows = new Map(rowOrder.map((key) => [key, []]));
  for (const record of pairRecords) {
    const key = label(record);
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key).push(record);
  }
  return [...rows].filter(([, records]) => records.length > 0).map(([key, records]) => ({ key, records }));
}

/** Share of the measured window the server spent on CPU (100 % = it had CPU 0 to itself and used it all). */
const busyPct = (run) => (run.cpuUsPerRequest * run.rps) / 1e4;

/** Per-row summaries used by the tables and the targets. */
export function summarizeThroughput(records) {
  const pick = (side, f) => records.map((r) => f(r[side]));
  const ratio = summary(records.map((r) => r.subject.rps / r.base.rps));
  const quiet = records.filter(
    (r) => r.base.cpu0OtherPct < QUIET_OTHER_PCT && r.subject.cpu0OtherPct < QUIET_OTHER_PCT,
  );
  const rssDelta = summary(records.map((r) => r.subject.rssBytes - r.base.rssBytes));
  const cpuDelta = summary(records.map((r) => r.subject.cpuUsPerRequest - r.base.cpuUsPerRequest));
  const scrapes = records.map((r) => r.subject.scrapes).filter(Boolean);
  const sinks = records.map((r) => r.subject.sink).filter(Boolean);
  return {
    pairs: records.length,
    ratio,
    quietRatio: summary(quiet.map((r) => r.subject.rps / r.base.rps)),
    // The throughput ratio a CPU-bound server would reach: bare CPU per request ÷ variant CPU per request.
    cpuRatio: summary(records.map((r) => r.base.cpuUsPerRequest / r.subject.cpuUsPerRequest)),
    busy: median(pick('subject', busyPct)),
    baseBusy: median(pick('base', busyPct)),
    otherPct: median(records.flatMap((r) => [r.base.cpu0OtherPct, r.subject.cpu0OtherPct])),
    rps: summary(pick('subject', (r) => r.rps)),
    baseRps: summary(pick('base', (r) => r.rps)),
    cpu: median(pick('subject', (r) => r.cpuUsPerRequest)),
    baseCpu: median(pick('base', (r) => r.cpuUsPerRequest)),
    cpuDelta,
    p50: median(pick('subject', (r) => r.latencyUs.p50 / 1000)),
    baseP50: median(pick('base', (r) => r.latencyUs.p50 / 1000)),
    p99: median(pick('subject', (r) => r.latencyUs.p99 / 1000)),
    baseP99: median(pick('base', (r) => r.latencyUs.p99 / 1000)),
    rss: median(pick('subject', (r) => r.rssBytes)),
    baseRss: median(pick('base', (r) => r.rssBytes)),
    rssDelta,
    scrape:
      scrapes.length === 0
        ? undefined
        : {
            first: summary(scrapes.map((s) => s[0].ms)),
            next: summary(scrapes.map((s) => median(s.slice(1).map((g) => g.ms)))),
            series: summary(scrapes.map((s) => s.at(-1).series)),
            families: median(scrapes.map((s) => s.at(-1).families)),
            kb: median(scrapes.map((s) => s.at(-1).bytes / 1024)),
          },
    sink:
      sinks.length === 0
        ? undefined
        : {
            posts: median(sinks.map((s) => s.windowPosts)),
            mb: median(sinks.map((s) => s.windowBytes / MB)),
            // Spans the sink received per request served in the same window (older records lack spans).
            spansPerRequest: median(
              records
                .filter((r) => r.subject.sink?.windowSpans !== undefined)
                .map((r) => r.subject.sink.windowSpans / r.subject.requests),
            ),
          },
  };
}

function summarizeStartup(pairs) {
  const s = (side, f) => pairs.map((p) => f(p[side]));
  return {
    pairs: pairs.length,
    wallRatio: summary(pairs.map((p) => p.subject.wallMs / p.base.wallMs)),
    wall: summary(s('subject', (r) => r.wallMs)),
    baseWall: summary(s('base', (r) => r.wallMs)),
    wallDelta: summary(pairs.map((p) => p.subject.wallMs - p.base.wallMs)),
    listen: median(s('subject', (r) => r.listenMs)),
    baseListen: median(s('base', (r) => r.listenMs)),
    first: median(s('subject', (r) => r.firstResponseMs)),
    baseFirst: median(s('base', (r) => r.firstResponseMs)),
    firstDelta: summary(pairs.map((p) => p.subject.firstResponseMs - p.base.firstResponseMs)),
    modules: median(s('subject', (r) => r.cjsModules)),
    baseModules: median(s('base', (r) => r.cjsModules)),
  };
}

/** One target: `value` is a summary; met when its median is on the right side of `limit`. */
function target(name, measured, limit, direction, unit, digits, note = '') {
  if (!measured || measured.n === 0) return { name, text: 'not measured', status: '–' };
  const ok = (v) => (direction === '>=' ? v >= limit : v <= limit);
  const met = ok(measured.median);
  const straddles = ok(measured.min) !== ok(measured.max);
  return {
    name,
    text: `${fmtRange(measured, digits)}${unit}${note}`,
    status: `${met ? 'met' : '**missed**'}${straddles ? ' (range crosses the target)' : ''}`,
  };
}

function quietNote(row) {
  if (!row) return '';
  const quiet =
    row.quietRatio.n === 0
      ? 'no quiet pair'
      : `quiet pairs only: ${fmtRange(row.quietRatio, 3)} (${row.quietRatio.n})`;
  return `; ${quiet}; CPU-based: ${fmtRange(row.cpuRatio, 3)}`;
}

function scaled(s, factor) {
  return { median: s.median / factor, min: s.min / factor, max: s.max / factor, n: s.n };
}

export function evaluateTargets(throughput, startup) {
  const row = (key) => throughput.get(key);
  const rows = [];
  for (const [app, metricsLimit, tracesLimit] of [
    ['http', 0.95, 0.55],
    ['express', 0.97, 0.45],
  ]) {
    rows.push(
      target(
        `${app}: metrics-only throughput ≥ ${metricsLimit} of bare`,
        row(`${app}/signalkit-metrics`)?.ratio,
        metricsLimit,
        '>=',
        '',
        3,
        quietNote(row(`${app}/signalkit-metrics`)),
      ),
      target(
        `${app}: traces 100% throughput ≥ ${tracesLimit} of bare`,
        row(`${app}/signalkit-traces-100`)?.ratio,
        tracesLimit,
        '>=',
        '',
        3,
        quietNote(row(`${app}/signalkit-traces-100`)),
      ),
    );
  }
  for (const app of ['http', 'express']) {
    rows.push(
      target(
        `${app}: startup metrics-only ≤ bare + 40 ms (first response)`,
        startup.get(`${app}/signalkit-metrics`)?.firstDelta,
        40,
        '<=',
        ' ms',
        1,
      ),
      target(
        `${app}: startup traces ≤ bare + 120 ms (first response)`,
        startup.get(`${app}/signalkit-traces-100`)?.firstDelta,
        120,
        '<=',
        ' ms',
        1,
      ),
    );
  }
  for (const app of ['http', 'express']) {
    const m = row(`${app}/signalkit-metrics`)?.rssDelta;
    const t = row(`${app}/signalkit-traces-100`)?.rssDelta;
    rows.push(
      target(`${app}: RSS after load, metrics-only ≤ bare + 25 MB`, m && scaled(m, MB), 25, '<=', ' MB', 1),
      target(`${app}: RSS after load, traces 100% ≤ bare + 60 MB`, t && scaled(t, MB), 60, '<=', ' MB', 1),
    );
  }
  for (const app of ['http', 'express']) {
    const s = row(`${app}/signalkit-metrics`)?.scrape;
    rows.push(
      target(`${app}: scrape ≤ 2 ms (median of GETs 2–5)`, s?.next, 2, '<=', ' ms', 2),
      target(`${app}: scrape ≤ 2 ms (first GET after load)`, s?.first, 2, '<=', ' ms', 2),
    );
  }
  return rows;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const ms = (v, d = 2) => fmt(v, d);
const mib = (bytes) => fmt(bytes / MIB, 0);

export function renderReport({ meta, pairRecords, rowOrder, startupRecords, endpointDownRuns, failures }) {
  const out = [];
  const m = meta.machine;
  out.push(`# signalkit benchmark, ${meta.date}${meta.mode === 'full' ? '' : ` (${meta.mode} mode)`}`);
  out.push('');
  out.push(
    `- Machine: ${m.nproc} CPUs, ${m.cpuModel}, kernel ${m.kernel}. Node ${m.node}. ${m.wrk}.`,
    `- Packages: ${Object.entries(m.packages)
      .map(([name, version]) => `${name} ${version ?? '?'}`)
      .join(', ')}.`,
    `- signalkit code: git ${m.git.commit ?? '?'} (${m.git.packagesNodeChanges ?? '?'} uncommitted paths under packages/node); measured a copy of packages/node/dist taken at the start (built ${m.signalkitBuild?.builtAt ?? '?'}, sha256 ${m.signalkitBuild?.sha256 ?? '?'}).`,
    `- Run: ${meta.startedAt} → ${meta.finishedAt}. Load average (1/5/15 min) before: ${meta.loadBefore.join(' / ')}; after: ${meta.loadAfter.join(' / ')} (the benchmark itself keeps about 2 runnable tasks: server + wrk).`,
    `- Method: ${meta.params.rounds} round(s) of ${pairRecords.length ? throughputRows(pairRecords, rowOrder).length : 0} pairs [bare, variant] (pair order rotated per round, bare first on even rounds, variant first on odd); fresh server per run, pinned to CPU 0 (taskset); wrk -t1 -c50 --latency, the OTLP sink and the harness on CPU 1; ${meta.params.warmupSeconds} s warm-up, ${meta.params.durationSeconds} s measured. Startup: ${meta.params.startupPairs} pairs per variant. Endpoint down: ${meta.params.memorySeconds} s of load.`,
  );
  if (meta.noise)
    out.push(
      `- Other work on the server's CPU during the measured windows (CPU 0 task time not used by the server): median ${fmt(meta.noise.other.median, 1)} %, max ${fmt(meta.noise.other.max, 1)} %, above 10 % in ${meta.noise.runsAbove10} of ${meta.noise.other.n} runs; steal median ${fmt(meta.noise.steal.median, 1)} %, max ${fmt(meta.noise.steal.max, 1)} %.`,
    );
  if (meta.mode !== 'full')
    out.push(
      '- Quick/custom mode: too short for conclusions; it checks that every variant starts, serves and reports.',
    );
  out.push('');

  const throughput = new Map(
    throughputRows(pairRecords, rowOrder).map(({ key, records }) => [key, summarizeThroughput(records)]),
  );
  const startup = new Map(
    startupRecords.map(({ app, variant, pairs }) => [`${app}/${variant}`, summarizeStartup(pairs)]),
  );

  out.push('## Targets (issue 8), signalkit');
  out.push('');
  out.push('Median over pairs (min–max); a target is met when the median is on its side.');
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'status'],
      evaluateTargets(throughput, startup).map((t) => [t.name, t.text, t.status]),
    ),
  );
  out.push('');

  if (throughput.size) {
    out.push('## Throughput and cost per request');
    out.push('');
    out.push(
      `Ratio = variant req/s ÷ bare req/s of the same pair; other columns are medians over pairs. Added CPU = median of the per-pair differences. Quiet pairs: other work took under ${QUIET_OTHER_PCT} % of CPU 0 during both runs. CPU-based ratio = bare CPU µs/req ÷ variant CPU µs/req per pair: the throughput ratio of a CPU-bound server, less sensitive to other work on the machine than req/s. Server busy = the server's CPU time ÷ the measured window (100 % = it had CPU 0 to itself). Other work on CPU 0 = median over the row's runs of the CPU 0 task time the server did not use.`,
    );
    out.push('');
    out.push(
      table(
        [
          'variant',
          'pairs',
          'req/s ratio vs bare',
          `quiet pairs only (n)`,
          'CPU-based ratio (bare ÷ var µs/req)',
          'server busy % (var / bare)',
          'other work on CPU 0, %',
          'variant req/s',
          'bare req/s',
          'CPU µs/req (var / bare)',
          'added CPU µs/req',
          'p50 ms (var / bare)',
          'p99 ms (var / bare)',
          'RSS MiB after load (var / bare)',
        ],
        [...throughput].map(([key, s]) => [
          key,
          s.pairs,
          fmtRange(s.ratio, 3),
          s.quietRatio.n === 0 ? '–' : `${fmtRange(s.quietRatio, 3)} (${s.quietRatio.n})`,
          fmtRange(s.cpuRatio, 3),
          `${fmt(s.busy, 0)} / ${fmt(s.baseBusy, 0)}`,
          fmt(s.otherPct, 0),
          fmt(s.rps.median, 0),
          fmt(s.baseRps.median, 0),
          `${fmt(s.cpu, 1)} / ${fmt(s.baseCpu, 1)}`,
          fmtDelta(s.cpuDelta.median, 1),
          `${ms(s.p50)} / ${ms(s.baseP50)}`,
          `${ms(s.p99)} / ${ms(s.baseP99)}`,
          `${mib(s.rss)} / ${mib(s.baseRss)}`,
        ]),
      ),
    );
    const bareRps = (app) =>
      summary(
        pairRecords
          .flatMap((r) => [r.base, r.subject])
          .filter((r) => r.app === app && r.variant === 'bare')
          .map((r) => r.rps),
      );
    const bares = ['http', 'express'].map((app) => [app, bareRps(app)]).filter(([, s]) => s.n > 0);
    if (bares.length)
      out.push(
        '',
        `Bare baselines over all their runs: ${bares.map(([app, s]) => `${app} ${fmtRange(s, 0)} req/s (${s.n} runs)`).join('; ')}.`,
      );
    out.push('');

    out.push('## /metrics scrape after the load');
    out.push('');
    out.push(
      'Five GETs, each on a new connection from the harness (CPU 1), right after the measured load. Spans received per request: spans the sink decoded during the measured window ÷ requests served in it (a traced variant that keeps up shows its spans per request at 100 %, a tenth of them at 10 %; less means spans were dropped or are still queued).',
    );
    out.push('');
    out.push(
      table(
        [
          'variant',
          'first GET ms',
          'GETs 2–5, median ms',
          'series',
          'families',
          'body KiB',
          'OTLP sink during the measured load',
          'spans received per request',
        ],
        [...throughput]
          .filter(([, s]) => s.scrape)
          .map(([key, s]) => [
            key,
            fmtRange(s.scrape.first, 2),
            fmtRange(s.scrape.next, 2),
            fmtRange(s.scrape.series, 0),
            fmt(s.scrape.families, 0),
            fmt(s.scrape.kb, 1),
            s.sink ? `${fmt(s.sink.posts, 0)} POSTs, ${fmt(s.sink.mb, 1)} MB` : '–',
            s.sink ? fmt(s.sink.spansPerRequest, 3) : '–',
          ]),
      ),
    );
    out.push('');
  }

  if (startup.size) {
    out.push('## Startup (process start → first response)');
    out.push('');
    out.push(
      'STARTUP_PROBE=1: the app listens, GETs itself once, prints timings and exits. Wall = spawn to exit, seen by the harness; listen and first response = `performance.now()` in the process; Δ = median of the per-pair differences.',
    );
    out.push('');
    out.push(
      table(
        [
          'variant (vs bare, same app)',
          'pairs',
          'wall ratio',
          'variant wall ms',
          'bare wall ms',
          'wall Δ ms',
          'listen ms (var / bare)',
          'first response ms (var / bare)',
          'first response Δ ms',
          'CJS modules (var / bare)',
        ],
        [...startup].map(([key, s]) => [
          key,
          s.pairs,
          fmtRange(s.wallRatio, 2),
          fmtRange(s.wall, 0),
          fmtRange(s.baseWall, 0),
          fmtDelta(s.wallDelta.median, 0),
          `${fmt(s.listen, 0)} / ${fmt(s.baseListen, 0)}`,
          `${fmt(s.first, 0)} / ${fmt(s.baseFirst, 0)}`,
          fmtDelta(s.firstDelta.median, 0),
          `${fmt(s.modules, 0)} / ${fmt(s.baseModules, 0)}`,
        ]),
      ),
    );
    out.push('');
  }

  if (endpointDownRuns.length) {
    const seconds = endpointDownRuns[0].samples
      .map((s) => s.second)
      .filter((s) => s === 0 || s === SAMPLE_EVERY_SECONDS || s % 10 === 0);
    out.push('## Memory with the OTLP endpoint down');
    out.push('');
    out.push(
      `OTEL_EXPORTER_OTLP_ENDPOINT points at a closed local port; wrk loads the server for ${endpointDownRuns[0].seconds} s; VmRSS sampled every ${SAMPLE_EVERY_SECONDS} s (all samples in the JSONL). One run each.`,
    );
    out.push('');
    out.push(
      table(
        [
          'variant',
          'req/s',
          ...seconds.map((s) => `RSS MiB at ${s} s`),
          `growth ${SAMPLE_EVERY_SECONDS} s → end`,
          'stderr lines',
        ],
        endpointDownRuns.map((run) => {
          const at = (sec) => run.samples.find((s) => s.second === sec)?.rssBytes;
          const early = at(SAMPLE_EVERY_SECONDS);
          const last = run.samples.at(-1).rssBytes;
          return [
            `${run.app}/${run.variant}`,
            fmt(run.rps, 0),
            ...seconds.map((s) => mib(at(s))),
            early === undefined ? '–' : `${fmtDelta((last - early) / MIB, 0)} MiB`,
            run.stderrLines,
          ];
        }),
      ),
    );
    out.push('');
  }

  out.push('## Checks');
  out.push('');
  if (failures.length === 0) out.push('Every variant started, served without errors and was measured.');
  else
    for (const failure of failures)
      out.push(`- FAILED: ${failure.replace(/\s*\n\s*/g, ' / ').slice(0, 400)}`);
  out.push('');
  return out.join('\n');
}
