import type { Severity } from '../model/alerts.js';
import type { Breach, BurnLevel, RouteRef, ThresholdSignal, Thresholds } from './thresholds.js';

/** How `signalkit top` writes its values, in the terminal table and on the web page alike. */

/** A duration: `2.5 ms`, `374 ms`, `1.20 s`; `-` for none. */
export function seconds(value: number | null): string {
  if (value === null) return '-';
  if (value < 0.01) return `${(value * 1000).toFixed(1)} ms`;
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  return `${value.toFixed(2)} s`;
}

/** A ratio 0..1 as a percentage with one decimal; `-` for none. */
export function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

/** A threshold as an SLO file writes it: `7.2%`, `1 s`, `250 ms`, `0.9 cores`, `10/min`. */
export function setting(signal: ThresholdSignal, value: number): string {
  switch (signal) {
    case 'latencyP99Seconds':
    case 'eventLoopDelayP99Seconds':
      return value < 1 ? `${+(value * 1000).toFixed(3)} ms` : `${+value.toFixed(3)} s`;
    case 'cpuCores':
      return `${+value.toFixed(3)} cores`;
    case 'errorLogsPerMinute':
    case 'warningLogsPerMinute':
      return `${+value.toFixed(3)}/min`;
    default:
      return `${+(value * 100).toFixed(3)}%`;
  }
}

/** Requests per second with three significant digits or so. */
export function rate(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** A size in binary units: `18.1 MiB`; `-` for none. */
export function bytes(value: number | null): string {
  if (value === null) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = value;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

/** The route template, or what stands for it when there is none. */
export function routeName(route: RouteRef & { overflow?: boolean }): string {
  if (route.overflow === true) return '(overflow)';
  return route.route ?? '(no route)';
}

export const SIGNAL_LABELS: Readonly<Record<ThresholdSignal, string>> = {
  errorRatio: '5xx ratio',
  slowRatio: 'slow requests',
  latencyP99Seconds: 'p99',
  eventLoopUtilization: 'event loop utilization',
  eventLoopDelayP99Seconds: 'event loop delay p99',
  heapUsedRatio: 'heap used',
  cpuCores: 'CPU',
  errorLogsPerMinute: 'error logs',
  warningLogsPerMinute: 'warning logs',
};

/** A measured value next to its threshold: ratios with enough digits to compare with 0.1%. */
export function formatSignal(signal: ThresholdSignal, value: number): string {
  switch (signal) {
    case 'latencyP99Seconds':
    case 'eventLoopDelayP99Seconds':
      return seconds(value);
    case 'cpuCores':
      return `${value.toFixed(2)} cores`;
    case 'errorLogsPerMinute':
    case 'warningLogsPerMinute':
      return `${value.toFixed(1)}/min`;
    default:
      return value > 0 && value < 0.1 ? `${(value * 100).toFixed(2)}%` : percent(value);
  }
}

/** The mark of a breach: `!!` would page, `!` a ticket (or, for a burn rate, the budget burning). */
export function markOf(severity: Severity): string {
  return severity === 'page' ? '!!' : '!';
}

/** The thresholds of a service as one line: what its alerts fire on. */
export function thresholdLine(t: Thresholds): string {
  const at = (signal: ThresholdSignal, value: number) => setting(signal, value);
  // `7.2%/1h 3%/6h page, 1.5%/1d 0.5%/3d ticket`: each level with the window it fires within.
  const burn = (signal: ThresholdSignal, levels: readonly BurnLevel[]) =>
    (['page', 'ticket'] as const)
      .map((severity) => {
        const of = levels.filter((l) => l.severity === severity);
        return `${of.map((l) => `${at(signal, l.ratio)}/${l.window}`).join(' ')} ${severity}`;
      })
      .join(', ');
  return [
    `5xx ${burn('errorRatio', t.errorRatioBurn)}`,
    `>${at('latencyP99Seconds', t.latencyThresholdSeconds)} ${burn('slowRatio', t.slowRatioBurn)}`,
    `p99 ${at('latencyP99Seconds', t.latencyP99Seconds)}`,
    `event loop ${at('eventLoopUtilization', t.eventLoopUtilization)}`,
    `delay ${at('eventLoopDelayP99Seconds', t.eventLoopDelayP99Seconds)}`,
    `heap ${at('heapUsedRatio', t.heapUsedRatio)}`,
    `cpu ${at('cpuCores', t.cpuCores)}`,
    `log errors ${at('errorLogsPerMinute', t.errorLogsPerMinute)}, warnings ${at('warningLogsPerMinute', t.warningLogsPerMinute)}`,
  ].join(' · ');
}

/** What a breach would lead to: `would page if it lasts 1h`, `burning budget, ticket if it lasts 3d`, `ticket`. */
export function breachOutcome(b: Breach): string {
  const burn = b.signal === 'errorRatio' || b.signal === 'slowRatio';
  const lasting = b.window === undefined ? '' : ` if it lasts ${b.window}`;
  return b.severity === 'page'
    ? `would page${lasting}`
    : burn
      ? `burning budget, ticket${lasting}`
      : 'ticket';
}

/**
 * A breach as one line of text, without its mark: where, what, the value over the threshold, and the
 * alert with what it would do (`orders GET /error: 5xx ratio 100.0% > 7.2% (ErrorBudgetBurn: would page
 * if it lasts 1h)`). `thresholds` are the service's, for the latency threshold of the slow share.
 */
export function breachText(service: string, thresholds: Thresholds | null, b: Breach): string {
  const where = b.route === undefined ? service : `${service} ${b.route.method ?? '-'} ${routeName(b.route)}`;
  const label =
    b.signal === 'slowRatio' && thresholds !== null
      ? `requests slower than ${setting('latencyP99Seconds', thresholds.latencyThresholdSeconds)}`
      : SIGNAL_LABELS[b.signal];
  return (
    `${where}: ${label} ${formatSignal(b.signal, b.value)} > ${setting(b.signal, b.threshold)} ` +
    `(${b.alert}: ${breachOutcome(b)})`
  );
}
