import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTP_DURATION_BUCKETS } from '@signalkit/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GENERATED_PATHS, generateFiles } from '../../src/generate/generateFiles.js';
import {
  ALERT_NAMES,
  type AlertName,
  alertSeverity,
  type Severity,
  type SloWindow,
} from '../../src/model/alerts.js';
import { LABEL, PROM, SIGNAL_NAMES } from '../../src/model/metricNames.js';
import { parsePrometheusText } from '../../src/prometheus/parsePrometheusText.js';
import { parseSlo } from '../../src/slo/parseSlo.js';
import type { SloFile } from '../../src/slo/types.js';
import { readSignals } from '../../src/top/readSignals.js';
import { sloThresholdSource } from '../../src/top/sloThresholds.js';
import { serviceSnapshot } from '../../src/top/snapshot.js';
import {
  type BurnLevel,
  SIGNAL_ALERTS,
  type ThresholdSource,
  type Thresholds,
} from '../../src/top/thresholds.js';
import { DOCKER } from '../support/paths.js';
import { run } from '../support/run.js';

/**
 * `signalkit top` and the generated alert rules must agree. First, the numbers top holds each signal
 * against are read back from the generated rule files (not from the constants both are built from, so a
 * change to either side fails here). Then steady workloads are fed to both: to top as two scrapes a minute
 * apart, to Prometheus' rule engine (promtool test rules) as an hour of series; what top marks for a
 * service must be what fires.
 */

/** Alerts top does not evaluate: they need history top does not keep (an hour of traffic, `up`). */
const NOT_IN_TOP: readonly AlertName[] = ['TrafficStopped', 'TrafficDropped', 'TargetDown'];

/** An SLO file whose numbers differ from docker/slo.yaml and the defaults in every field top uses. */
const CRAFTED_SLO = `
defaults:
  saturation: { eventLoopUtilization: 80%, eventLoopDelayP99: 250ms, heapUsed: 70%, cpu: 1.5 }
services:
  api:
    availability: { objective: 99.95% }
    latency: { threshold: 1s, objective: 97.5%, p99: 750ms }
    logs: { errorsPerMinute: 3, warningsPerMinute: 7 }
  worker:
    availability: { objective: 90% }
    latency: { threshold: 10ms, objective: 50%, p99: 5s }
    saturation: { heapUsed: 95% }
`;

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
}

interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

function generatedRules(slo: SloFile): { alerts: RuleFile; recording: RuleFile } {
  const files = generateFiles(slo);
  const content = (path: string) => files.find((f) => f.path === path)?.content ?? '';
  return {
    alerts: parse(content(GENERATED_PATHS.alertRules)) as RuleFile,
    recording: parse(content(GENERATED_PATHS.recordingRules)) as RuleFile,
  };
}

/**
 * The levels of a burn-rate rule: each pair's `factor * budget`, computed as PromQL does, with the pair's
 * long window (the first of its two lines), labelled with the rule's severity.
 */
function burnLevels(rule: Rule): BurnLevel[] {
  const levels: BurnLevel[] = [];
  for (const m of rule.expr.matchAll(/ratio_rate(\w+)\{[^}]*\} > \(([\d.e+-]+) \* ([\d.e+-]+)\)/g)) {
    const ratio = Number(m[2]) * Number(m[3]);
    // The short window of the pair repeats the level.
    if (levels.at(-1)?.ratio === ratio) continue;
    levels.push({ severity: rule.labels?.severity as Severity, window: m[1] as SloWindow, ratio });
  }
  if (levels.length === 0) throw new Error(`no burn-rate levels in ${rule.expr}`);
  return levels;
}

/** The number a threshold expression ends on (`... > 0.9`, `... * 60 > 10`). */
function trailingLevel(expr: string): number {
  const m = /> ([\d.e+-]+)\s*$/.exec(expr);
  if (m === null) throw new Error(`no trailing threshold in ${expr}`);
  return Number(m[1]);
}

/** What top holds each signal against, read from one service's generated rules. */
function thresholdsInRules(rules: { alerts: RuleFile; recording: RuleFile }, service: string) {
  const group = rules.alerts.groups.find((g) => g.name === `signalkit-${service}-alerts`);
  if (group === undefined) throw new Error(`no alert group for ${service}`);
  const rule = (alert: string, severity?: string) => {
    const found = group.rules.find(
      (r) => r.alert === alert && (severity === undefined || r.labels?.severity === severity),
    );
    if (found === undefined) throw new Error(`${service}: no ${alert} ${severity ?? ''} rule`);
    return found;
  };
  const sli = rules.recording.groups.find((g) => g.name === `signalkit-${service}-sli`);
  const le = /le=~?"([\d.]+)/.exec(sli?.rules[0]?.expr ?? '');
  if (le === null) throw new Error(`${service}: no latency SLI rule with an le matcher`);
  const logLevel = (alert: string) => /log_level="(\w+)"/.exec(rule(alert).expr)?.[1];
  const thresholds: Thresholds = {
    errorRatioBurn: [rule('ErrorBudgetBurn', 'page'), rule('ErrorBudgetBurn', 'ticket')]
      .flatMap(burnLevels)
      .sort((a, b) => b.ratio - a.ratio),
    latencyThresholdSeconds: Number(le[1]),
    slowRatioBurn: [rule('LatencyBudgetBurn', 'page'), rule('LatencyBudgetBurn', 'ticket')]
      .flatMap(burnLevels)
      .sort((a, b) => b.ratio - a.ratio),
    latencyP99Seconds: trailingLevel(rule('LatencyP99High').expr),
    eventLoopUtilization: trailingLevel(rule('EventLoopUtilizationHigh').expr),
    eventLoopDelayP99Seconds: trailingLevel(rule('EventLoopDelayHigh').expr),
    heapUsedRatio: trailingLevel(rule('HeapNearLimit').expr),
    cpuCores: trailingLevel(rule('CpuSaturated').expr),
    errorLogsPerMinute: trailingLevel(rule('ErrorLogsHigh').expr),
    warningLogsPerMinute: trailingLevel(rule('WarningLogsHigh').expr),
  };
  const severities = Object.fromEntries(group.rules.map((r) => [r.alert, r.labels?.severity]));
  return {
    thresholds,
    severities,
    alerts: group.rules.map((r) => r.alert),
    logLevels: [logLevel('ErrorLogsHigh'), logLevel('WarningLogsHigh')],
  };
}

describe('the thresholds top uses are the numbers in the generated alert rules', () => {
  for (const [name, text] of [
    ['docker/slo.yaml', undefined],
    ['a crafted SLO file', CRAFTED_SLO],
  ] as const) {
    it(`for every service of ${name}`, async () => {
      const slo = parseSlo(text ?? (await readFile(join(DOCKER, 'slo.yaml'), 'utf8')));
      const rules = generatedRules(slo);
      const source = sloThresholdSource(slo);
      expect(slo.services.length).toBeGreaterThanOrEqual(2);
      for (const service of slo.services) {
        const inRules = thresholdsInRules(rules, service.name);
        expect(source(service.name), service.name).toEqual(inRules.thresholds);
        expect(source(service.name, { method: 'GET', route: '/any' })).toEqual(inRules.thresholds);
        // Severities of the single-severity alerts, as labelled in the file.
        for (const alert of Object.values(SIGNAL_ALERTS)) {
          if (alert === 'ErrorBudgetBurn' || alert === 'LatencyBudgetBurn') continue;
          expect(alertSeverity(alert), alert).toBe(inRules.severities[alert]);
        }
        // Top reads the log levels the log alerts select (its own display sums every error-like level).
        expect(inRules.logLevels).toEqual(['error', 'warn']);
        // Every generated alert is either one top marks, or one it says it cannot evaluate.
        const covered = new Set<string>([...Object.values(SIGNAL_ALERTS), ...NOT_IN_TOP]);
        expect(inRules.alerts.filter((a) => !covered.has(a as string))).toEqual([]);
        expect([...covered].sort()).toEqual([...ALERT_NAMES].sort());
      }
    });
  }
});

/** Requests of one route and status, all taking `latency` seconds. */
interface Stream {
  readonly route: string;
  readonly status: number;
  readonly perMinute: number;
  readonly latency: number;
}

/** A steady workload of one service: the same every minute. */
interface Workload {
  readonly streams: readonly Stream[];
  readonly elu: number;
  readonly delayP99: number;
  readonly heapRatio: number;
  readonly cpuCores: number;
  readonly errorLogsPerMinute: number;
  readonly warnLogsPerMinute: number;
}

interface Scenario {
  readonly name: string;
  readonly service: string;
  readonly workload: Workload;
  /** What top must mark for the service (`alert severity`); promtool must fire the same. */
  readonly marks: readonly string[];
}

const HEALTHY: Workload = {
  streams: [{ route: '/items/:id', status: 200, perMinute: 1000, latency: 0.02 }],
  elu: 0.3,
  delayP99: 0.02,
  heapRatio: 0.4,
  cpuCores: 0.3,
  errorLogsPerMinute: 1,
  warnLogsPerMinute: 5,
};

/** The healthy workload with a share of its requests failing or slow. */
function withShare(share: number, stream: Omit<Stream, 'perMinute'>): Workload {
  return {
    ...HEALTHY,
    streams: [
      { route: '/items/:id', status: 200, perMinute: 1000 * (1 - share), latency: 0.02 },
      { ...stream, perMinute: 1000 * share },
    ],
  };
}

// docker/slo.yaml: orders 99.5% (page 7.2%, budget 0.5%), inventory 99.9% (page 1.44%, budget 0.1%);
// latency orders 99% under 500 ms, p99 1 s; inventory 99% under 250 ms, p99 500 ms; logs orders 10/60,
// inventory 5/30 a minute; saturation: event loop 90%, delay 100 ms, heap 85%, cpu 0.9.
const SCENARIOS: readonly Scenario[] = [
  { name: 'healthy', service: 'orders', workload: HEALTHY, marks: [] },
  {
    name: '2% errors burn the orders budget',
    service: 'orders',
    workload: withShare(0.02, { route: '/pay', status: 500, latency: 0.02 }),
    marks: ['ErrorBudgetBurn ticket'],
  },
  {
    name: 'the same 2% errors page for inventory, whose objective is 99.9%',
    service: 'inventory',
    workload: withShare(0.02, { route: '/pay', status: 500, latency: 0.02 }),
    marks: ['ErrorBudgetBurn page'],
  },
  {
    name: '8% errors page for orders',
    service: 'orders',
    workload: withShare(0.08, { route: '/pay', status: 503, latency: 0.02 }),
    marks: ['ErrorBudgetBurn page'],
  },
  {
    // Under the 1-hour page (7.2%), just over the 6-hour one (3%): it pages once it has lasted (the hour
    // of series fills the 6h window, as 6 hours of it would).
    name: '3.3% errors page orders through the 6-hour pair',
    service: 'orders',
    workload: withShare(0.033, { route: '/pay', status: 500, latency: 0.02 }),
    marks: ['ErrorBudgetBurn page'],
  },
  {
    name: '2.7% errors: just under both orders pages, a ticket',
    service: 'orders',
    workload: withShare(0.027, { route: '/pay', status: 500, latency: 0.02 }),
    marks: ['ErrorBudgetBurn ticket'],
  },
  {
    name: '0.6% errors: just over the orders budget (0.5%), a ticket through the 3-day pair',
    service: 'orders',
    workload: withShare(0.006, { route: '/pay', status: 500, latency: 0.02 }),
    marks: ['ErrorBudgetBurn ticket'],
  },
  {
    name: '0.4% errors: within the orders budget',
    service: 'orders',
    workload: withShare(0.004, { route: '/pay', status: 500, latency: 0.02 }),
    marks: [],
  },
  {
    name: '7% of requests at 700 ms: just over the orders latency page of the 6-hour pair (6%)',
    service: 'orders',
    workload: withShare(0.07, { route: '/report', status: 200, latency: 0.7 }),
    marks: ['LatencyBudgetBurn page'],
  },
  {
    name: '20% of requests at 700 ms: slow for orders, p99 still under 1 s',
    service: 'orders',
    workload: withShare(0.2, { route: '/report', status: 200, latency: 0.7 }),
    marks: ['LatencyBudgetBurn page'],
  },
  {
    name: '5% of requests at 1.8 s: burning the latency budget, p99 over 1 s',
    service: 'orders',
    workload: withShare(0.05, { route: '/report', status: 200, latency: 1.8 }),
    marks: ['LatencyBudgetBurn ticket', 'LatencyP99High ticket'],
  },
  {
    name: '5% of requests at 300 ms: fine for orders (500 ms)',
    service: 'orders',
    workload: withShare(0.05, { route: '/report', status: 200, latency: 0.3 }),
    marks: [],
  },
  {
    name: '5% of requests at 300 ms: slow for inventory (250 ms), p99 under its 500 ms',
    service: 'inventory',
    workload: withShare(0.05, { route: '/report', status: 200, latency: 0.3 }),
    marks: ['LatencyBudgetBurn ticket'],
  },
  {
    name: 'saturated, and logging errors and warnings',
    service: 'orders',
    workload: {
      ...HEALTHY,
      elu: 0.95,
      delayP99: 0.15,
      heapRatio: 0.9,
      cpuCores: 1.2,
      errorLogsPerMinute: 12,
      warnLogsPerMinute: 70,
    },
    marks: [
      'EventLoopUtilizationHigh ticket',
      'EventLoopDelayHigh ticket',
      'HeapNearLimit ticket',
      'CpuSaturated ticket',
      'ErrorLogsHigh ticket',
      'WarningLogsHigh ticket',
    ],
  },
  {
    name: 'just under every saturation and log threshold',
    service: 'orders',
    workload: {
      ...HEALTHY,
      elu: 0.89,
      delayP99: 0.09,
      heapRatio: 0.84,
      cpuCores: 0.85,
      errorLogsPerMinute: 9,
      warnLogsPerMinute: 59,
    },
    marks: [],
  },
  {
    name: "inventory's tighter log thresholds",
    service: 'inventory',
    workload: { ...HEALTHY, errorLogsPerMinute: 6, warnLogsPerMinute: 31 },
    marks: ['ErrorLogsHigh ticket', 'WarningLogsHigh ticket'],
  },
];

const HEAP_LIMIT = 2 ** 30;
const BOUNDS = [...HTTP_DURATION_BUCKETS.map(String), '+Inf'];

/** Every series of a workload after `minutes`, as [name, labels, value]. */
function seriesAt(workload: Workload, minutes: number): [string, Record<string, string>, number][] {
  const out: [string, Record<string, string>, number][] = [];
  for (const s of workload.streams) {
    const labels = { [LABEL.method]: 'GET', [LABEL.route]: s.route, [LABEL.status]: String(s.status) };
    const count = s.perMinute * minutes;
    out.push([`${PROM.httpDuration}_count`, labels, count]);
    for (const le of BOUNDS)
      out.push([`${PROM.httpDuration}_bucket`, { ...labels, le }, s.latency <= Number(le) ? count : 0]);
  }
  out.push([PROM.eventLoopUtilization, {}, workload.elu]);
  out.push([PROM.eventLoopDelayP99, {}, workload.delayP99]);
  out.push([PROM.heapUsed, {}, workload.heapRatio * HEAP_LIMIT]);
  out.push([PROM.heapLimit, {}, HEAP_LIMIT]);
  // CPU seconds: 80% user, 20% system.
  out.push([PROM.cpuTime, { [LABEL.cpuMode]: 'user' }, workload.cpuCores * 0.8 * 60 * minutes]);
  out.push([PROM.cpuTime, { [LABEL.cpuMode]: 'system' }, workload.cpuCores * 0.2 * 60 * minutes]);
  out.push([PROM.logRecords, { [LABEL.logLevel]: 'error' }, workload.errorLogsPerMinute * minutes]);
  out.push([PROM.logRecords, { [LABEL.logLevel]: 'warn' }, workload.warnLogsPerMinute * minutes]);
  out.push([PROM.logRecords, { [LABEL.logLevel]: 'info' }, 100 * minutes]);
  return out;
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

/** What top marks for the service: two scrapes of its endpoint one minute apart, after an hour of the workload. */
function topMarks(scenario: Scenario, source: ThresholdSource): string[] {
  const read = (minutes: number) => {
    const text = [
      `target_info{service_name="${scenario.service}"} 1`,
      ...seriesAt(scenario.workload, minutes).map(([name, labels, v]) => `${name}${labelText(labels)} ${v}`),
    ].join('\n');
    const [reading] = readSignals(
      {
        url: 'http://127.0.0.1:9464/metrics',
        metrics: parsePrometheusText(text),
        atMillis: minutes * 60_000,
      },
      SIGNAL_NAMES,
    );
    if (reading === undefined) throw new Error('no reading');
    return reading;
  };
  return serviceSnapshot(read(60), read(61), source)
    .breaches.filter((b) => b.route === undefined)
    .map((b) => `${b.alert} ${b.severity}`);
}

/** A promtool test: the workload for 70 minutes, and the alerts that must be firing at 65 minutes. */
function promtoolTest(scenario: Scenario, firing: readonly string[]) {
  const MINUTES = 70;
  const target = { job: scenario.service, instance: `${scenario.service}:9464` };
  const perMinute = seriesAt(scenario.workload, 1);
  const atZero = seriesAt(scenario.workload, 0);
  return {
    name: scenario.name,
    interval: '1m',
    input_series: perMinute.map(([name, labels, step], i) => {
      const start = atZero[i]?.[2] ?? 0;
      // Counters grow by their per-minute step; gauges (same value at 0 and 1) stay.
      const growth = step - start;
      return {
        series: `${name}${labelText({ ...target, ...labels })}`,
        values: `${start}+${growth}x${MINUTES}`,
      };
    }),
    promql_expr_test: [
      {
        expr: `count by (alertname, severity) (ALERTS{alertstate="firing", job="${scenario.service}"})`,
        eval_time: '65m',
        exp_samples: firing.map((mark) => {
          const [alertname, severity] = mark.split(' ');
          return { labels: `{alertname="${alertname}", severity="${severity}"}`, value: 1 };
        }),
      },
    ],
  };
}

describe('top marks what promtool fires, for steady workloads (docker/slo.yaml)', () => {
  let scratch: string;
  let slo: SloFile;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'signalkit-top-rules-'));
    slo = parseSlo(await readFile(join(DOCKER, 'slo.yaml'), 'utf8'), 'docker/slo.yaml');
    for (const file of generateFiles(slo)) {
      if (file.path !== GENERATED_PATHS.alertRules && file.path !== GENERATED_PATHS.recordingRules) continue;
      await writeFile(join(scratch, file.path.split('/').pop() as string), file.content);
    }
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('marks what each scenario is built to trigger', () => {
    const source = sloThresholdSource(slo);
    for (const scenario of SCENARIOS)
      expect(topMarks(scenario, source).sort(), scenario.name).toEqual([...scenario.marks].sort());
  });

  it("promtool fires exactly top's marks (a page burn rate also exceeds the ticket ones)", async () => {
    const source = sloThresholdSource(slo);
    const tests = SCENARIOS.map((scenario) => {
      const marks = topMarks(scenario, source);
      // A steady ratio above the page level is above every ticket level too: both burn rules fire.
      const firing = marks.flatMap((m) =>
        m.endsWith('BudgetBurn page') ? [m, m.replace(' page', ' ticket')] : [m],
      );
      return promtoolTest(scenario, firing);
    });
    const file = join(scratch, 'top-agreement.test.yml');
    await writeFile(
      file,
      stringify(
        {
          rule_files: [
            GENERATED_PATHS.recordingRules.split('/').pop(),
            GENERATED_PATHS.alertRules.split('/').pop(),
          ],
          evaluation_interval: '1m',
          tests,
        },
        { lineWidth: 0 },
      ),
    );
    const { status, output } = run('promtool', ['test', 'rules', file], { cwd: scratch });
    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  }, 120_000);
});
