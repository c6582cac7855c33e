import { HTTP_DURATION_BUCKETS } from '@signalkit/node';
import { ALERT_NAMES, BURN_RATES, budgetOf } from '../model/alerts.js';
import { LABEL, PROM } from '../model/metricNames.js';
import type { ServiceSlo } from '../slo/types.js';
import { type AlertRule, alertLabels, runbookLink, serviceAlerts } from './alertRules.js';
import { renderedText } from './alertText.js';
import { selector } from './selector.js';

/**
 * Unit tests for the generated alerts, in `promtool test rules` form. Each scenario feeds one service a
 * steady or changing workload and asserts, for every alert name, exactly which alerts fire with which
 * labels and annotations. For every alert there is a scenario where it fires and one, near its
 * threshold, where it stays silent. Steady scenarios derive what must fire from a model of the
 * workload (error and slow shares, p99 from the buckets, gauges): the same thresholds computed a
 * second way, so a wrong rule expression fails the test.
 */

/** Requests of one route and status, all taking `latency` seconds. */
interface Stream {
  readonly route: string;
  readonly status: string;
  readonly perMinute: number;
  readonly latency: number;
}

interface Gauges {
  readonly elu: number;
  readonly delayP99: number;
  readonly heapRatio: number;
  readonly cpuCores: number;
  readonly errorLogsPerMinute: number;
  readonly warnLogsPerMinute: number;
}

/** A stretch of time: traffic scaled by `factor`, or the target gone (`null`: nothing scraped). */
interface Phase {
  readonly minutes: number;
  readonly factor: number | null;
}

interface ExpectedAlert {
  readonly rule: AlertRule;
  readonly value: number;
}

interface Scenario {
  readonly name: string;
  readonly streams: readonly Stream[];
  readonly gauges: Gauges;
  readonly phases: readonly Phase[];
  /** Values of `up`, when not derived from the phases. */
  readonly up?: string;
  readonly expected: readonly ExpectedAlert[];
}

const FAST_ROUTE = '/api/items/:id';
const SLOW_ROUTE = '/api/reports/:id';
const HEAP_LIMIT = 2 ** 30;
const STEADY_MINUTES = 40;
const BOUNDS = HTTP_DURATION_BUCKETS;

/** A number for the test file without float noise. */
function num(n: number): string {
  return String(Number(n.toPrecision(12)));
}

/** promtool's expanding notation for a series that grows by `perMinute[i]` in each phase. */
function counterValues(phases: readonly Phase[], perMinute: number): string {
  const tokens: string[] = [];
  let value = 0;
  let first = true;
  for (const phase of phases) {
    if (phase.factor === null) {
      tokens.push(`_x${phase.minutes}`);
      continue;
    }
    const step = perMinute * phase.factor;
    // The first phase has a sample at minute 0 too.
    const samples = first ? phase.minutes + 1 : phase.minutes;
    const start = first ? value : value + step;
    tokens.push(`${num(start)}+${num(step)}x${samples - 1}`);
    value = start + step * (samples - 1);
    first = false;
  }
  return tokens.join(' ');
}

function gaugeValues(phases: readonly Phase[], v: number): string {
  const tokens: string[] = [];
  let first = true;
  for (const phase of phases) {
    if (phase.factor === null) tokens.push(`_x${phase.minutes}`);
    else tokens.push(`${num(v)}+0x${first ? phase.minutes : phase.minutes - 1}`);
    first = false;
  }
  return tokens.join(' ');
}

function upValues(phases: readonly Phase[]): string {
  return phases
    .map((p, i) => `${p.factor === null ? 0 : 1}+0x${i === 0 ? p.minutes : p.minutes - 1}`)
    .join(' ');
}

function inputSeries(service: ServiceSlo, scenario: Scenario): { series: string; values: string }[] {
  const base: [string, string][] = [
    ['job', service.name],
    ['instance', `${service.name}:9464`],
  ];
  const sel = (metric: string, extra: [string, string][] = []) =>
    selector(
      metric,
      [...base, ...extra].map(([n, v]) => [n, '=', v] as const),
    );
  const out: { series: string; values: string }[] = [];
  const { phases, gauges: g } = scenario;
  out.push({ series: sel('up'), values: scenario.up ?? upValues(phases) });
  for (const stream of scenario.streams) {
    const labels: [string, string][] = [
      [LABEL.method, 'GET'],
      [LABEL.route, stream.route],
      [LABEL.status, stream.status],
    ];
    out.push({
      series: sel(`${PROM.httpDuration}_count`, labels),
      values: counterValues(phases, stream.perMinute),
    });
    for (const le of [...BOUNDS.map(String), '+Inf']) {
      const inBucket = le === '+Inf' || stream.latency <= Number(le);
      out.push({
        series: sel(`${PROM.httpDuration}_bucket`, [...labels, ['le', le]]),
        values: counterValues(phases, inBucket ? stream.perMinute : 0),
      });
    }
  }
  out.push({ series: sel(PROM.eventLoopUtilization), values: gaugeValues(phases, g.elu) });
  out.push({ series: sel(PROM.eventLoopDelayP99), values: gaugeValues(phases, g.delayP99) });
  out.push({ series: sel(PROM.heapUsed), values: gaugeValues(phases, g.heapRatio * HEAP_LIMIT) });
  out.push({ series: sel(PROM.heapLimit), values: gaugeValues(phases, HEAP_LIMIT) });
  // CPU seconds per minute: 80% user, 20% system.
  out.push({
    series: sel(PROM.cpuTime, [[LABEL.cpuMode, 'user']]),
    values: counterValues(
      phases.map((p) => ({ ...p, factor: p.factor === null ? null : 1 })),
      g.cpuCores * 60 * 0.8,
    ),
  });
  out.push({
    series: sel(PROM.cpuTime, [[LABEL.cpuMode, 'system']]),
    values: counterValues(
      phases.map((p) => ({ ...p, factor: p.factor === null ? null : 1 })),
      g.cpuCores * 60 * 0.2,
    ),
  });
  for (const [level, perMinute] of [
    ['error', g.errorLogsPerMinute],
    ['warn', g.warnLogsPerMinute],
    ['info', 100],
  ] as const) {
    out.push({
      series: sel(PROM.logRecords, [[LABEL.logLevel, level]]),
      values: counterValues(
        phases.map((p) => ({ ...p, factor: p.factor === null ? null : 1 })),
        perMinute,
      ),
    });
  }
  return out;
}

/** histogram_quantile over the streams' buckets, as Prometheus interpolates it. */
function quantile(q: number, streams: readonly Stream[]): number {
  const total = streams.reduce((s, x) => s + x.perMinute, 0);
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < BOUNDS.length; i++) {
    const upper = BOUNDS[i] as number;
    const cumulative = streams.filter((s) => s.latency <= upper).reduce((s, x) => s + x.perMinute, 0);
    if (cumulative >= rank) {
      const lower = i === 0 ? 0 : (BOUNDS[i - 1] as number);
      return lower + (upper - lower) * ((rank - below) / (cumulative - below));
    }
    below = cumulative;
  }
  return BOUNDS[BOUNDS.length - 1] as number;
}

/** What must fire for a steady workload: each alert's condition, computed from the workload. */
function steadyExpectations(service: ServiceSlo, streams: readonly Stream[], g: Gauges): ExpectedAlert[] {
  const rules = serviceAlerts(service);
  const total = streams.reduce((s, x) => s + x.perMinute, 0);
  const errors = streams.filter((s) => s.status.startsWith('5')).reduce((s, x) => s + x.perMinute, 0);
  const slow = streams
    .filter((s) => s.latency > service.latency.thresholdSeconds)
    .reduce((s, x) => s + x.perMinute, 0);
  const errorRatio = errors / total;
  const slowRatio = slow / total;
  const p99 = quantile(0.99, streams);
  const burns = (ratio: number, budget: number, severity: 'page' | 'ticket') =>
    BURN_RATES[severity].some(({ factor }) => ratio > factor * budget);
  const out: ExpectedAlert[] = [];
  for (const rule of rules) {
    let value: number | undefined;
    switch (rule.alert) {
      case 'ErrorBudgetBurn':
        if (burns(errorRatio, budgetOf(service.availability.objective), rule.severity)) value = errorRatio;
        break;
      case 'LatencyBudgetBurn':
        if (burns(slowRatio, budgetOf(service.latency.objective), rule.severity)) value = slowRatio;
        break;
      case 'LatencyP99High':
        if (p99 > service.latency.p99Seconds) value = p99;
        break;
      case 'EventLoopUtilizationHigh':
        if (g.elu > service.saturation.eventLoopUtilization) value = g.elu;
        break;
      case 'EventLoopDelayHigh':
        if (g.delayP99 > service.saturation.eventLoopDelayP99Seconds) value = g.delayP99;
        break;
      case 'HeapNearLimit':
        if (g.heapRatio > service.saturation.heapUsedRatio) value = g.heapRatio;
        break;
      case 'CpuSaturated':
        if (g.cpuCores > service.saturation.cpuCores) value = g.cpuCores;
        break;
      case 'ErrorLogsHigh':
        if (g.errorLogsPerMinute > service.logs.errorsPerMinute) value = g.errorLogsPerMinute;
        break;
      case 'WarningLogsHigh':
        if (g.warnLogsPerMinute > service.logs.warningsPerMinute) value = g.warnLogsPerMinute;
        break;
      default:
        // Traffic and target alerts need a change over time: steady workloads never fire them.
        break;
    }
    if (value !== undefined) out.push({ rule, value });
  }
  return out;
}

function scenarios(service: ServiceSlo): Scenario[] {
  const s = service.saturation;
  const healthy: Gauges = {
    elu: num2(s.eventLoopUtilization * 0.3),
    delayP99: num2(s.eventLoopDelayP99Seconds * 0.1),
    heapRatio: num2(s.heapUsedRatio * 0.5),
    cpuCores: num2(s.cpuCores * 0.3),
    errorLogsPerMinute: num2(service.logs.errorsPerMinute * 0.2),
    warnLogsPerMinute: num2(service.logs.warningsPerMinute * 0.2),
  };
  const fast = BOUNDS[0] as number;
  const threshold = service.latency.thresholdSeconds;
  const aboveThreshold = BOUNDS.find((b) => b > threshold);
  // Slow requests land in the bucket right above the threshold (or past the last bound).
  const slowLatency = aboveThreshold ?? threshold * 2;
  const out: Scenario[] = [];
  const steady = (name: string, streams: Stream[], gauges: Gauges = healthy): Scenario => ({
    name,
    streams,
    gauges,
    phases: [{ minutes: STEADY_MINUTES, factor: 1 }],
    expected: steadyExpectations(service, streams, gauges),
  });
  // Fast and slow requests go to different routes, so that their series differ.
  const ok = (perMinute: number, latency = fast): Stream => ({
    route: latency === fast ? FAST_ROUTE : SLOW_ROUTE,
    status: '200',
    perMinute,
    latency,
  });

  out.push(steady('healthy: nothing fires', [ok(100)]));

  // Availability: N requests a minute so that 40, 8 and 1 failures are 20x, 4x and 0.5x the budget.
  const errorBudget = budgetOf(service.availability.objective);
  for (const [failures, words] of [
    [40, 'errors at 20x the budget page (and ticket)'],
    [8, 'errors at 4x the budget open a ticket, no page'],
    [1, 'errors at half the budget stay silent'],
  ] as const) {
    const n = 2 / errorBudget;
    out.push(
      steady(words, [
        ok(n - failures),
        { route: FAST_ROUTE, status: '500', perMinute: failures, latency: fast },
      ]),
    );
  }
  const latencyBudget = budgetOf(service.latency.objective);
  for (const [slowCount, words] of [
    [40, 'slow requests at 20x the latency budget page (and ticket)'],
    [8, 'slow requests at 4x the latency budget open a ticket, no page'],
    [1, 'slow requests at half the latency budget stay silent'],
  ] as const) {
    const n = 2 / latencyBudget;
    out.push(steady(words, [ok(n - slowCount), ok(slowCount, slowLatency)]));
  }

  // p99: every request in the bucket starting at (or above) the threshold, then in the one ending below it.
  const p99 = service.latency.p99Seconds;
  const startAbove = BOUNDS.findIndex((b) => b >= p99);
  const highLatency = BOUNDS[startAbove + 1] ?? (BOUNDS[startAbove] as number) * 2;
  out.push(steady('p99 above its threshold fires', [ok(100, highLatency)]));
  const endBelow = [...BOUNDS].reverse().find((b) => b <= p99) as number;
  out.push(steady('p99 just under its threshold stays silent', [ok(100, endBelow)]));

  const gaugeCases: [string, keyof Gauges, number, number][] = [
    ['event loop utilization', 'elu', (1 + s.eventLoopUtilization) / 2, s.eventLoopUtilization * 0.95],
    ['event loop delay p99', 'delayP99', s.eventLoopDelayP99Seconds * 1.5, s.eventLoopDelayP99Seconds * 0.9],
    ['heap used over limit', 'heapRatio', (1 + s.heapUsedRatio) / 2, s.heapUsedRatio * 0.95],
    ['CPU', 'cpuCores', s.cpuCores * 1.5, s.cpuCores * 0.9],
    [
      'error logs per minute',
      'errorLogsPerMinute',
      service.logs.errorsPerMinute * 2,
      service.logs.errorsPerMinute * 0.9,
    ],
    [
      'warning logs per minute',
      'warnLogsPerMinute',
      service.logs.warningsPerMinute * 2,
      service.logs.warningsPerMinute * 0.9,
    ],
  ];
  for (const [words, key, high, near] of gaugeCases) {
    out.push(steady(`${words} above its threshold fires`, [ok(100)], { ...healthy, [key]: num2(high) }));
    out.push(
      steady(`${words} just under its threshold stays silent`, [ok(100)], { ...healthy, [key]: num2(near) }),
    );
  }

  // Traffic: enough requests that the baseline clears minRequestsPerSecond four times over.
  const rules = serviceAlerts(service);
  const rule = (name: string) => rules.find((r) => r.alert === name) as AlertRule;
  const n = Math.max(400, Math.ceil(service.traffic.minRequestsPerSecond * 60 * 4));
  const traffic = [ok(n)];
  const changing = (name: string, phases: Phase[], expected: ExpectedAlert[], up?: string): Scenario => ({
    name,
    streams: traffic,
    gauges: healthy,
    phases,
    expected,
    ...(up === undefined ? {} : { up }),
  });
  out.push(
    changing(
      'traffic that stops after 40 minutes pages',
      [
        { minutes: 40, factor: 1 },
        { minutes: 20, factor: 0 },
      ],
      [{ rule: rule('TrafficStopped'), value: 0 }],
    ),
  );
  out.push(changing('a service that never had traffic stays silent', [{ minutes: 60, factor: 0 }], []));
  const drop = service.traffic.dropRatio;
  const dropped = num2((1 - drop) / 2);
  out.push(
    changing(
      'traffic that falls well past the drop ratio opens a ticket',
      [
        { minutes: 90, factor: 1 },
        { minutes: 30, factor: dropped },
      ],
      [{ rule: rule('TrafficDropped'), value: (n * dropped) / 60 }],
    ),
  );
  out.push(
    changing(
      'traffic that falls by less than the drop ratio stays silent',
      [
        { minutes: 90, factor: 1 },
        { minutes: 30, factor: num2(1 - drop / 2) },
      ],
      [],
    ),
  );
  out.push(
    changing(
      'a target down for 10 minutes pages',
      [
        { minutes: 30, factor: 1 },
        { minutes: 10, factor: null },
      ],
      [{ rule: rule('TargetDown'), value: 0 }],
    ),
  );
  out.push(
    changing(
      'one failed scrape stays silent',
      [{ minutes: STEADY_MINUTES, factor: 1 }],
      [],
      `1+0x${STEADY_MINUTES - 6} 0 1+0x4`,
    ),
  );
  return out;
}

/** Rounds to 6 significant digits, so test inputs read cleanly. */
function num2(n: number): number {
  return Number(n.toPrecision(6));
}

function evalMinutes(scenario: Scenario): number {
  return scenario.phases.reduce((s, p) => s + p.minutes, 0);
}

function expectedLabels(e: ExpectedAlert, service: ServiceSlo): Record<string, string> {
  const labels: Record<string, string> = { job: service.name };
  if (e.rule.scope === 'instance') labels.instance = `${service.name}:9464`;
  if (e.rule.scope === 'level') labels[LABEL.logLevel] = e.rule.alert === 'ErrorLogsHigh' ? 'error' : 'warn';
  return { ...labels, ...alertLabels(e.rule, service) };
}

/** The promtool test document for all services (rule_files relative to the test file's folder). */
export function ruleTestDocument(
  services: readonly ServiceSlo[],
  runbookUrl: string,
  ruleFiles: readonly string[],
): Record<string, unknown> {
  const tests: Record<string, unknown>[] = [];
  for (const service of services) {
    for (const scenario of scenarios(service)) {
      const at = `${evalMinutes(scenario)}m`;
      tests.push({
        name: `${service.name}: ${scenario.name}`,
        interval: '1m',
        input_series: inputSeries(service, scenario),
        alert_rule_test: ALERT_NAMES.map((alertname) => ({
          eval_time: at,
          alertname,
          exp_alerts: scenario.expected
            .filter((e) => e.rule.alert === alertname)
            .map((e) => {
              const labels = expectedLabels(e, service);
              const text = renderedText(e.value, labels);
              return {
                exp_labels: labels,
                exp_annotations: {
                  summary: e.rule.summary(text),
                  description: e.rule.description(text),
                  runbook_url: runbookLink(runbookUrl, e.rule.alert),
                },
              };
            }),
        })),
      });
    }
  }
  return { rule_files: [...ruleFiles], evaluation_interval: '1m', tests };
}
