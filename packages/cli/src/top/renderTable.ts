import {
  breachText,
  bytes,
  markOf,
  percent,
  rate,
  routeName,
  seconds,
  setting,
  thresholdLine,
} from './formatValues.js';
import type { RouteSignals, ServiceSnapshot, TopSnapshot, TrafficSignals } from './snapshot.js';
import { type Breach, type RouteRef, sameRoute, type ThresholdSignal } from './thresholds.js';

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
  const mark = markOf(b.severity).padEnd(2);
  return `  ${b.severity === 'page' ? paint.red(mark) : paint.yellow(mark)} ${breachText(service.service, service.thresholds, b)}`;
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
