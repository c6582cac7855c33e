import {
  bytes,
  formatSignal,
  percent,
  rate,
  routeName,
  SIGNAL_LABELS,
  seconds,
  setting,
} from './formatValues.js';
import type { RouteSignals, ServiceSnapshot, TopSnapshot, TrafficSignals } from './snapshot.js';
import type { RouteRef, ThresholdSignal } from './thresholds.js';

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

function serviceLines(service: ServiceSnapshot, paint: ReturnType<typeof painter>): string[] {
  const fired = (signal: ThresholdSignal, route?: RouteRef) =>
    service.breaches.some(
      (b) =>
        b.signal === signal &&
        (route === undefined
          ? b.route === undefined
          : b.route !== undefined && b.route.method === route.method && b.route.route === route.route),
    );
  const mark = (text: string, breached: boolean): Cell =>
    breached ? { text: `${text}!`, paint: paint.red, right: true } : { text: `${text} `, right: true };

  const where = service.instance === null ? service.url : `${service.url} (${service.instance})`;
  const head = [paint.bold(service.service), paint.dim(where)];
  if (service.inFlight !== null) head.push(`in flight ${service.inFlight}`);
  if (!service.up) head.push(paint.red(`DOWN: ${service.error ?? 'no answer'} (last values shown)`));
  const lines = [head.join('  ')];

  const s = service.saturation;
  const elu = s.eventLoopUtilization;
  const eluText = percent(elu) + (fired('eventLoopUtilization') ? '!' : '');
  const heapText =
    s.heapUsedBytes === null
      ? '-'
      : `${bytes(s.heapUsedBytes)} / ${bytes(s.heapLimitBytes)} (${percent(s.heapUsedRatio)}${fired('heapUsedRatio') ? '!' : ''})`;
  const saturation = [
    `event loop ${fired('eventLoopUtilization') ? paint.red(eluText) : eluText} busy`,
    `delay p99 ${seconds(s.eventLoopDelayP99Seconds)}`,
    `heap ${fired('heapUsedRatio') ? paint.red(heapText) : heapText}`,
  ];
  if (service.logs !== null) {
    const perMinute = service.logs.errorsPerMinute;
    saturation.push(`log errors ${perMinute === null ? '-' : `${perMinute.toFixed(1)}/min`}`);
  }
  lines.push(`  ${saturation.join('   ')}`);

  if (service.total === null) {
    lines.push(paint.dim('  measuring: rates and latency after the next scrape'));
    return lines;
  }
  if (service.routes.length === 0) {
    lines.push(paint.dim('  no HTTP requests yet'));
    return lines;
  }
  const header: Cell[] = ['METHOD', 'ROUTE', 'REQ/S', '5XX ', 'P50 ', 'P95 ', 'P99 '].map((text, i) => ({
    text,
    paint: paint.dim,
    right: i >= 2,
  }));
  const row = (method: string, route: string, t: TrafficSignals, ref?: RouteRef, strong = false): Cell[] => [
    { text: method, ...(strong ? { paint: paint.bold } : {}) },
    { text: route, ...(strong ? { paint: paint.bold } : {}) },
    { text: rate(t.rate), right: true, ...(strong ? { paint: paint.bold } : {}) },
    mark(percent(t.errorRatio), fired('errorRatio', ref)),
    { text: `${seconds(t.p50Seconds)} `, right: true },
    { text: `${seconds(t.p95Seconds)} `, right: true },
    mark(seconds(t.p99Seconds), fired('latencyP99Seconds', ref)),
  ];
  const rows: Cell[][] = [header, row('', 'all routes', service.total, undefined, true)];
  for (const r of service.routes as RouteSignals[]) rows.push(row(r.method ?? '-', routeName(r), r, r));
  lines.push(...table(rows, '  '));
  return lines;
}

function breachLines(snapshot: TopSnapshot, paint: ReturnType<typeof painter>): string[] {
  const lines: string[] = [];
  for (const service of snapshot.services) {
    for (const b of service.breaches) {
      const where =
        b.route === undefined
          ? service.service
          : `${service.service} ${b.route.method ?? '-'} ${routeName(b.route)}`;
      lines.push(
        `  ${paint.red('!')} ${where}: ${SIGNAL_LABELS[b.signal]} ${formatSignal(b.signal, b.value)} > ${setting(b.signal, b.threshold)}`,
      );
    }
  }
  return lines.length === 0 ? [paint.dim('nothing would fire')] : ['would fire:', ...lines];
}

/** The terminal view of a snapshot, one string per line, busiest service first. */
export function renderTable(snapshot: TopSnapshot, style: TableStyle): string[] {
  const paint = painter(style.color);
  const t = snapshot.thresholds;
  const time = snapshot.time.toTimeString().slice(0, 8);
  const lines = [
    `${paint.bold('signalkit top')}  every ${snapshot.intervalSeconds} s  ${time}  ${paint.dim(
      `thresholds: 5xx > ${setting('errorRatio', t.errorRatio)}, ` +
        `p99 > ${setting('latencyP99Seconds', t.latencyP99Seconds)}, ` +
        `event loop > ${setting('eventLoopUtilization', t.eventLoopUtilization)}, ` +
        `heap > ${setting('heapUsedRatio', t.heapUsedRatio)}`,
    )}`,
  ];
  for (const service of snapshot.services) lines.push('', ...serviceLines(service, paint));
  lines.push('', ...breachLines(snapshot, paint));
  return lines.map((line) => cut(line, style.width));
}
