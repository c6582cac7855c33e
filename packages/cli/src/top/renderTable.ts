import type { Severity } from '../generate/alertRules.js';
import type { RouteSignals, ServiceSnapshot, TopSnapshot, TrafficSignals } from './snapshot.js';
import type { Breach, BurnLevel, RouteRef, ThresholdSignal, Thresholds } from './thresholds.js';

export interface TableStyle {
  /** ANSI colours (off when stdout is not a terminal or NO_COLOR is set). */
  readonly color: boolean;
  /** Terminal width: longer lines are cut so a redraw never wraps. */
  readonly width?: number | undefined;
}

const ESC = '\u001b[';
type Paint = (text: string) => string;

function painter(color: boolean) {
  const code =
    (open: number): Paint =>
    (text) =>
      color && text !== '' ? `${ESC}${open}m${text}${ESC}0m` : text;
  return { bold: code(1), dim: code(2), red: code(31), green: code(32), yellow: code(33) };
}

function seconds(value: number | null): string {
  if (value === null) return '-';
  if (value < 0.01) return `${(value * 1000).toFixed(1)} ms`;
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  return `${value.toFixed(2)} s`;
}

function percent(value: number | null): string {
  return value === null ? '-' : `${(value * 100).toFixed(1)}%`;
}

/** A threshold as an SLO file writes it: `7.2%`, `1 s`, `250 ms`, `0.9 cores`, `10/min`. */
function setting(signal: ThresholdSignal, value: number): string {
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

function rate(value: number): string {
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
}

function bytes(value: number | null): string {
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

function routeName(route: RouteRef & { overflow?: boolean }): string {
  if (route.overflow === true) return '(overflow)';
  return route.route ?? '(no route)';
}

const SIGNAL_LABELS: Record<ThresholdSignal, string> = {
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
function formatSignal(signal: ThresholdSignal, value: number): string {
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
function markOf(severity: Severity): string {
  return severity === 'page' ? '!!' : '!';
}

/** Visible width, ANSI escapes excluded. */
function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/** Cuts a line to `width` visible characters, keeping escapes whole and closing an open colour. */
function cut(line: string, width: number | undefined): string {
  if (width === undefined || visibleLength(line) <= width) return line;
  let out = '';
  let shown = 0;
  for (let i = 0; i < line.length && shown < width; ) {
    if (line.startsWith(ESC, i)) {
      const end = line.indexOf('m', i);
      out += line.slice(i, end + 1);
      i = end + 1;
    } else {
      out += line[i];
      shown++;
      i++;
    }
  }
  return line.includes(ESC) ? `${out}${ESC}0m` : out;
}

type Cell = { text: string; paint?: Paint; right?: boolean };

function table(rows: Cell[][], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.text.length);
    });
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => {
          const w = widths[i] ?? 0;
          const padded = cell.right === true ? cell.text.padStart(w) : cell.text.padEnd(w);
          return cell.paint === undefined ? padded : cell.paint(padded);
        })
        .join('  ')
        .trimEnd(),
  );
}

/** The thresholds of a service as one line: what its alerts fire on. */
function thresholdLine(t: Thresholds): string {
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

function sameRoute(a: RouteRef | undefined, b: RouteRef | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.method === b.method && a.route === b.route;
}

function serviceLines(service: ServiceSnapshot, from: string, paint: ReturnType<typeof painter>): string[] {
  const breachOf = (signal: ThresholdSignal, route?: RouteRef) =>
    service.breaches.find((b) => b.signal === signal && sameRoute(b.route, route));
  const paintOf = (breach: Breach) => (breach.severity === 'page' ? paint.red : paint.yellow);
  /** A value with its mark, painted by severity. */
  const marked = (text: string, signal: ThresholdSignal): string => {
    const breach = breachOf(signal);
    return breach === undefined ? text : paintOf(breach)(`${text}${markOf(breach.severity)}`);
  };
  const cell = (text: string, signal: ThresholdSignal, route?: RouteRef): Cell => {
    const breach = breachOf(signal, route);
    if (breach === undefined) return { text: `${text}  `, right: true };
    return { text: `${text}${markOf(breach.severity).padEnd(2)}`, paint: paintOf(breach), right: true };
  };

  const where = service.instance === null ? service.url : `${service.url} (${service.instance})`;
  const head = [paint.bold(service.service), paint.dim(where)];
  if (service.inFlight !== null) head.push(`in flight ${service.inFlight}`);
  if (!service.up) head.push(paint.red(`DOWN: ${service.error ?? 'no answer'} (last values shown)`));
  const lines = [head.join('  ')];

  const s = service.saturation;
  const heapText =
    s.heapUsedBytes === null
      ? '-'
      : `${bytes(s.heapUsedBytes)} / ${bytes(s.heapLimitBytes)} (${marked(percent(s.heapUsedRatio), 'heapUsedRatio')})`;
  const saturation = [
    `event loop ${marked(percent(s.eventLoopUtilization), 'eventLoopUtilization')} busy`,
    `delay p99 ${marked(seconds(s.eventLoopDelayP99Seconds), 'eventLoopDelayP99Seconds')}`,
    `heap ${heapText}`,
  ];
  if (s.cpuCores !== null) saturation.push(`cpu ${marked(s.cpuCores.toFixed(2), 'cpuCores')} cores`);
  if (service.logs !== null) {
    const perMinute = (value: number | null | undefined) => (value == null ? '-' : `${value.toFixed(1)}/min`);
    const { errorsPerMinute, perMinuteByLevel } = service.logs;
    const warnings = errorsPerMinute === null ? null : (perMinuteByLevel.warn ?? 0);
    saturation.push(
      `log errors ${marked(perMinute(errorsPerMinute), 'errorLogsPerMinute')}`,
      `warnings ${marked(perMinute(warnings), 'warningLogsPerMinute')}`,
    );
  }
  lines.push(`  ${saturation.join('   ')}`);
  const t = service.thresholds;
  lines.push(
    paint.dim(
      t === null
        ? `  not in ${from}: no alert rules for it, nothing marked`
        : `  alerts at: ${thresholdLine(t)}`,
    ),
  );

  if (service.total === null) {
    lines.push(paint.dim('  measuring: rates and latency after the next scrape'));
    return lines;
  }
  if (service.routes.length === 0) {
    lines.push(paint.dim('  no HTTP requests yet'));
    return lines;
  }
  const slow =
    t === null ? [] : [`>${setting('latencyP99Seconds', t.latencyThresholdSeconds).replace(' ', '')}`];
  const header: Cell[] = [
    'METHOD',
    'ROUTE',
    'REQ/S',
    '5XX  ',
    ...slow.map((h) => `${h}  `),
    'P50 ',
    'P95 ',
    'P99  ',
  ].map((text, i) => ({ text, paint: paint.dim, right: i >= 2 }));
  const row = (
    method: string,
    route: string,
    traffic: TrafficSignals,
    ref?: RouteRef,
    strong = false,
  ): Cell[] => [
    { text: method, ...(strong ? { paint: paint.bold } : {}) },
    { text: route, ...(strong ? { paint: paint.bold } : {}) },
    { text: rate(traffic.rate), right: true, ...(strong ? { paint: paint.bold } : {}) },
    cell(percent(traffic.errorRatio), 'errorRatio', ref),
    ...(t === null ? [] : [cell(percent(traffic.slowRatio), 'slowRatio', ref)]),
    { text: `${seconds(traffic.p50Seconds)} `, right: true },
    { text: `${seconds(traffic.p95Seconds)} `, right: true },
    cell(seconds(traffic.p99Seconds), 'latencyP99Seconds', ref),
  ];
  const rows: Cell[][] = [header, row('', 'all routes', service.total, undefined, true)];
  for (const r of service.routes as RouteSignals[]) rows.push(row(r.method ?? '-', routeName(r), r, r));
  lines.push(...table(rows, '  '));
  return lines;
}

function breachLine(service: ServiceSnapshot, b: Breach, paint: ReturnType<typeof painter>): string {
  const where =
    b.route === undefined
      ? service.service
      : `${service.service} ${b.route.method ?? '-'} ${routeName(b.route)}`;
  const label =
    b.signal === 'slowRatio' && service.thresholds !== null
      ? `requests slower than ${setting('latencyP99Seconds', service.thresholds.latencyThresholdSeconds)}`
      : SIGNAL_LABELS[b.signal];
  const burn = b.signal === 'errorRatio' || b.signal === 'slowRatio';
  const lasting = b.window === undefined ? '' : ` if it lasts ${b.window}`;
  const what =
    b.severity === 'page' ? `would page${lasting}` : burn ? `burning budget, ticket${lasting}` : 'ticket';
  const mark = markOf(b.severity).padEnd(2);
  return (
    `  ${b.severity === 'page' ? paint.red(mark) : paint.yellow(mark)} ${where}: ${label} ` +
    `${formatSignal(b.signal, b.value)} > ${setting(b.signal, b.threshold)} (${b.alert}: ${what})`
  );
}

function breachLines(snapshot: TopSnapshot, paint: ReturnType<typeof painter>): string[] {
  const services: string[] = [];
  const routes: string[] = [];
  for (const service of snapshot.services) {
    for (const b of service.breaches)
      (b.route === undefined ? services : routes).push(breachLine(service, b, paint));
  }
  const lines =
    services.length === 0 ? [paint.dim('nothing would fire')] : ['would fire if it lasts:', ...services];
  // The rules are per service: a route over its service's threshold shows where the service's share comes from.
  if (routes.length > 0)
    lines.push("routes over their service's thresholds (the alerts are per service):", ...routes);
  return lines;
}

/** The terminal view of a snapshot, one string per line, busiest service first. */
export function renderTable(snapshot: TopSnapshot, style: TableStyle): string[] {
  const paint = painter(style.color);
  const time = snapshot.time.toTimeString().slice(0, 8);
  const from =
    snapshot.thresholdsFrom === 'defaults'
      ? 'the SLO defaults (--slo <file> for yours)'
      : `${snapshot.thresholdsFrom}, as signalkit generate writes its alerts`;
  const lines = [
    `${paint.bold('signalkit top')}  every ${snapshot.intervalSeconds} s  ${time}  ${paint.dim(
      `thresholds: ${from}; !! would page, ! ticket if it lasts`,
    )}`,
  ];
  for (const service of snapshot.services)
    lines.push('', ...serviceLines(service, snapshot.thresholdsFrom, paint));
  lines.push('', ...breachLines(snapshot, paint));
  return lines.map((line) => cut(line, style.width));
}
