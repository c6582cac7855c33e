import type { RouteRef, ThresholdSignal } from './thresholds.js';

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

/** A threshold as typed in a config: `5%`, `1 s`, `250 ms`. */
export function setting(signal: ThresholdSignal, value: number): string {
  if (signal === 'latencyP99Seconds')
    return value < 1 ? `${+(value * 1000).toFixed(3)} ms` : `${+value.toFixed(3)} s`;
  return `${+(value * 100).toFixed(3)}%`;
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
  latencyP99Seconds: 'p99',
  eventLoopUtilization: 'event loop utilization',
  heapUsedRatio: 'heap used',
};

/** A signal's value in its unit: a duration for p99, a percentage for the ratios. */
export function formatSignal(signal: ThresholdSignal, value: number): string {
  return signal === 'latencyP99Seconds' ? seconds(value) : percent(value);
}
