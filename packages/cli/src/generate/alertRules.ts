import {
  ALERT_SEVERITY,
  BURN_RATES,
  budgetOf,
  LOG_ALERT_LEVELS,
  type Severity,
  type SloWindow,
} from '../model/alerts.js';
import { LABEL, PROM } from '../model/metricNames.js';
import type { ServiceSlo } from '../slo/types.js';
import type { AlertText } from './alertText.js';
import { templateText } from './alertText.js';
import { RECORDED, type RuleGroup } from './recordingRules.js';
import { jobMatcher, selector } from './selector.js';

/** Labels of the series an alert fires for, besides the rule's own (`job` always). */
export type AlertScope = 'job' | 'instance' | 'level';

/** One alerting rule of one service, before rendering. */
export interface AlertRule {
  readonly alert: string;
  readonly severity: Severity;
  readonly for: string;
  readonly expr: string;
  readonly scope: AlertScope;
  /** Labels the rule adds, besides `severity` and `service`. */
  readonly labels: Readonly<Record<string, string>>;
  readonly summary: (t: AlertText) => string;
  readonly description: (t: AlertText) => string;
}

/** A number as PromQL and YAML show it, without float noise (0.005 * 14.4 stays readable). */
function num(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function percent(ratio: number): string {
  return `${num(ratio * 100)}%`;
}

function seconds(s: number): string {
  return s < 1 ? `${num(s * 1000)}ms` : `${num(s)}s`;
}

function burnExpr(ratio: (w: SloWindow) => string, service: ServiceSlo, budget: number, severity: Severity) {
  const job = [jobMatcher(service.name)];
  return BURN_RATES[severity]
    .map(
      ({ long, short, factor }) =>
        `(\n  ${selector(ratio(long), job)} > (${num(factor)} * ${num(budget)})\n` +
        `  and\n  ${selector(ratio(short), job)} > (${num(factor)} * ${num(budget)})\n)`,
    )
    .join('\nor\n');
}

function burnWords(severity: Severity): string {
  const [a, b] = BURN_RATES[severity];
  return `burn rate above ${a?.factor} over ${a?.long} and ${a?.short}, or above ${b?.factor} over ${b?.long} and ${b?.short}`;
}

/** The alerting rules of one service, from its SLO thresholds. */
export function serviceAlerts(service: ServiceSlo): AlertRule[] {
  const job = jobMatcher(service.name);
  const errorBudget = budgetOf(service.availability.objective);
  const latencyBudget = budgetOf(service.latency.objective);
  const { saturation, logs, traffic, latency } = service;
  const baseline = `sum by (job) (rate(${selector(`${PROM.httpDuration}_count`, [job])}[1h] offset 30m))`;

  const errorBurn = (severity: Severity): AlertRule => ({
    alert: 'ErrorBudgetBurn',
    severity,
    for: severity === 'page' ? '2m' : '15m',
    expr: burnExpr(RECORDED.errorRatio, service, errorBudget, severity),
    scope: 'job',
    labels: { slo: 'availability' },
    summary: (t) =>
      `${t.label('job')} is burning its availability error budget ${severity === 'page' ? 'fast' : 'steadily'}`,
    description: (t) =>
      `${t.value('percent')} of the requests to ${t.label('job')} failed (5xx) over the long window; ` +
      `the SLO allows ${percent(errorBudget)} (${percent(service.availability.objective)} available over 30 days). ` +
      `Fires on a ${burnWords(severity)}.`,
  });
  const latencyBurn = (severity: Severity): AlertRule => ({
    alert: 'LatencyBudgetBurn',
    severity,
    for: severity === 'page' ? '2m' : '15m',
    expr: burnExpr(RECORDED.slowRatio, service, latencyBudget, severity),
    scope: 'job',
    labels: { slo: 'latency' },
    summary: (t) =>
      `${t.label('job')} is burning its latency error budget ${severity === 'page' ? 'fast' : 'steadily'}`,
    description: (t) =>
      `${t.value('percent')} of the requests to ${t.label('job')} took longer than ${seconds(latency.thresholdSeconds)} ` +
      `over the long window; the SLO allows ${percent(latencyBudget)}. Fires on a ${burnWords(severity)}.`,
  });

  return [
    errorBurn('page'),
    errorBurn('ticket'),
    latencyBurn('page'),
    latencyBurn('ticket'),
    {
      alert: 'LatencyP99High',
      severity: ALERT_SEVERITY.LatencyP99High,
      for: '10m',
      expr:
        `histogram_quantile(0.99, sum by (job, le) (${selector(RECORDED.routeBuckets, [job])}))\n` +
        `> ${num(latency.p99Seconds)}`,
      scope: 'job',
      labels: {},
      summary: (t) => `${t.label('job')} p99 latency is above ${seconds(latency.p99Seconds)}`,
      description: (t) =>
        `The 99th percentile of ${t.label('job')}'s request duration is ${t.value('duration')} ` +
        `(5-minute window, all routes); the threshold is ${seconds(latency.p99Seconds)}.`,
    },
    {
      alert: 'TrafficStopped',
      severity: ALERT_SEVERITY.TrafficStopped,
      for: '5m',
      expr:
        `${selector(RECORDED.jobRequests, [job])} == 0\n` +
        `and on (job)\nmax_over_time(${selector(RECORDED.jobRequests, [job])}[1h]) > ${num(traffic.minRequestsPerSecond)}`,
      scope: 'job',
      labels: {},
      summary: (t) => `${t.label('job')} stopped serving requests`,
      description: (t) =>
        `${t.label('job')} served ${t.value('number')} requests/s over the last 5 minutes, after serving more than ` +
        `${num(traffic.minRequestsPerSecond)}/s within the hour. Its clients cannot reach it, or it hangs.`,
    },
    {
      alert: 'TrafficDropped',
      severity: ALERT_SEVERITY.TrafficDropped,
      for: '10m',
      expr:
        `${selector(RECORDED.jobRequests, [job])} > 0\n` +
        `and on (job)\n${selector(RECORDED.jobRequests, [job])}\n` +
        `  < on (job) ${num(1 - traffic.dropRatio)} * ${baseline}\n` +
        `and on (job)\n${baseline} > ${num(traffic.minRequestsPerSecond)}`,
      scope: 'job',
      labels: {},
      summary: (t) => `${t.label('job')} traffic dropped sharply`,
      description: (t) =>
        `${t.label('job')} serves ${t.value('fixed2')} requests/s (5-minute rate), less than ` +
        `${percent(1 - traffic.dropRatio)} of its rate over the hour before the last 30 minutes.`,
    },
    {
      alert: 'TargetDown',
      severity: ALERT_SEVERITY.TargetDown,
      for: '1m',
      expr: `${selector('up', [job])} == 0`,
      scope: 'instance',
      labels: {},
      summary: (t) => `Prometheus cannot scrape ${t.label('instance')} of ${t.label('job')}`,
      description: (t) =>
        `The scrape of ${t.label('instance')} (job ${t.label('job')}) has failed for a minute ` +
        `(up = ${t.value('number')}): the process is down, or its metrics endpoint is not reachable.`,
    },
    {
      alert: 'EventLoopUtilizationHigh',
      severity: ALERT_SEVERITY.EventLoopUtilizationHigh,
      for: '10m',
      expr: `avg_over_time(${selector(PROM.eventLoopUtilization, [job])}[5m]) > ${num(saturation.eventLoopUtilization)}`,
      scope: 'instance',
      labels: {},
      summary: (t) => `${t.label('instance')} of ${t.label('job')}: the event loop is saturated`,
      description: (t) =>
        `The event loop of ${t.label('instance')} was busy ${t.value('percent')} of the time over 5 minutes ` +
        `(threshold ${percent(saturation.eventLoopUtilization)}): requests queue behind JavaScript work.`,
    },
    {
      alert: 'EventLoopDelayHigh',
      severity: ALERT_SEVERITY.EventLoopDelayHigh,
      for: '10m',
      expr: `avg_over_time(${selector(PROM.eventLoopDelayP99, [job])}[5m]) > ${num(saturation.eventLoopDelayP99Seconds)}`,
      scope: 'instance',
      labels: {},
      summary: (t) => `${t.label('instance')} of ${t.label('job')}: event loop delay is high`,
      description: (t) =>
        `The p99 event loop delay of ${t.label('instance')} averages ${t.value('duration')} over 5 minutes ` +
        `(threshold ${seconds(saturation.eventLoopDelayP99Seconds)}): every callback waits that long to run.`,
    },
    {
      alert: 'HeapNearLimit',
      severity: ALERT_SEVERITY.HeapNearLimit,
      for: '10m',
      expr: `${selector(RECORDED.heapRatio, [job])} > ${num(saturation.heapUsedRatio)}`,
      scope: 'instance',
      labels: {},
      summary: (t) => `${t.label('instance')} of ${t.label('job')}: heap near its limit`,
      description: (t) =>
        `${t.label('instance')} uses ${t.value('percent')} of its V8 heap limit (threshold ` +
        `${percent(saturation.heapUsedRatio)}): garbage collection takes over, then the process dies out of memory.`,
    },
    {
      alert: 'CpuSaturated',
      severity: ALERT_SEVERITY.CpuSaturated,
      for: '10m',
      expr: `${selector(RECORDED.cpu, [job])} > ${num(saturation.cpuCores)}`,
      scope: 'instance',
      labels: {},
      summary: (t) => `${t.label('instance')} of ${t.label('job')}: CPU saturated`,
      description: (t) =>
        `${t.label('instance')} uses ${t.value('fixed2')} CPU cores (user + system, 5-minute rate; threshold ` +
        `${num(saturation.cpuCores)}). One event loop cannot use more than one core.`,
    },
    logsAlert('ErrorLogsHigh', LOG_ALERT_LEVELS.ErrorLogsHigh, logs.errorsPerMinute, service),
    logsAlert('WarningLogsHigh', LOG_ALERT_LEVELS.WarningLogsHigh, logs.warningsPerMinute, service),
  ];
}

function logsAlert(
  alert: 'ErrorLogsHigh' | 'WarningLogsHigh',
  level: string,
  perMinute: number,
  service: ServiceSlo,
): AlertRule {
  const words = level === 'error' ? 'error' : 'warning';
  return {
    alert,
    severity: ALERT_SEVERITY[alert],
    for: '5m',
    expr: `${selector(RECORDED.logRecords, [jobMatcher(service.name), [LABEL.logLevel, '=', level]])} * 60 > ${num(perMinute)}`,
    scope: 'level',
    labels: {},
    summary: (t) => `${t.label('job')} writes too many ${words} logs`,
    description: (t) =>
      `${t.label('job')} writes ${t.value('number')} ${words} records per minute (5-minute average; threshold ` +
      `${num(perMinute)}). Read them in Grafana: Explore, Loki, {service_name="${service.name}"}.`,
  };
}

/** The link to an alert's runbook section. */
export function runbookLink(runbookUrl: string, alert: string): string {
  return `${runbookUrl}#${alert.toLowerCase()}`;
}

/** Static labels of an alert: severity, service and the rule's own. */
export function alertLabels(rule: AlertRule, service: ServiceSlo): Record<string, string> {
  return { severity: rule.severity, service: service.name, ...rule.labels };
}

/** The rule group of one service's alerts, ready for the rule file. */
export function serviceAlertGroup(service: ServiceSlo, runbookUrl: string): RuleGroup {
  return {
    name: `signalkit-${service.name}-alerts`,
    rules: serviceAlerts(service).map((rule) => ({
      alert: rule.alert,
      expr: rule.expr,
      for: rule.for,
      labels: alertLabels(rule, service),
      annotations: {
        summary: rule.summary(templateText),
        description: rule.description(templateText),
        runbook_url: runbookLink(runbookUrl, rule.alert),
      },
    })),
  };
}
