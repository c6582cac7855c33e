import {
  breachOutcome,
  breachText,
  bytes,
  markOf,
  percent,
  rate,
  routeName,
  seconds,
  setting,
  thresholdLine,
} from '../formatValues.js';
import type { ServiceSnapshot, TopSnapshot, TrafficSignals } from '../snapshot.js';
import { type Breach, type RouteRef, sameRoute, type ThresholdSignal } from '../thresholds.js';
import { type ChartData, chartData, serviceKey } from './chartData.js';
import { escapeHtml } from './escapeHtml.js';
import { svgChart } from './svgChart.js';

/** What the dashboard shows: the kept snapshots, oldest first, and the history's sequence number. */
export interface DashboardInput {
  readonly snapshots: readonly TopSnapshot[];
  readonly sequence: number;
}

function clock(date: Date): string {
  return date.toTimeString().slice(0, 8);
}

/** The latest value of each series, in its line's colour: the chart's legend. */
function legend(chart: ChartData): string {
  return chart.series
    .map((series, i) => {
      const v = series.values.at(-1) ?? null;
      const text =
        v === null
          ? '-'
          : chart.unit === 'ratio'
            ? percent(v)
            : chart.unit === 'seconds'
              ? seconds(v)
              : rate(v);
      return `<span class="k${i}">${escapeHtml(chart.series.length > 1 ? `${series.name} ${text}` : text)}</span>`;
    })
    .join(' ');
}

/** What a marked value stands for, on hover: `ErrorBudgetBurn: would page if it lasts 1h`. */
function breachTitle(b: Breach): string {
  return `${b.alert}: ${breachOutcome(b)}`;
}

/**
 * A value with the mark of its breach, if any, as the terminal shows it (`!!` page, `!` ticket): escaped
 * HTML, in a `breach page` or `breach ticket` span.
 */
function markedValue(text: string, breach: Breach | undefined): string {
  if (breach === undefined) return escapeHtml(text);
  return (
    `<span class="breach ${breach.severity}" title="${escapeHtml(breachTitle(breach))}">` +
    `${escapeHtml(text + markOf(breach.severity))}</span>`
  );
}

function routeTable(service: ServiceSnapshot): string {
  if (service.total === null) return '<p class="note">measuring: rates and latency after the next scrape</p>';
  if (service.routes.length === 0) return '<p class="note">no HTTP requests yet</p>';
  const t = service.thresholds;
  const breachOf = (signal: ThresholdSignal, route?: RouteRef) =>
    service.breaches.find((b) => b.signal === signal && sameRoute(b.route, route));
  const cell = (text: string, breach?: Breach) =>
    breach === undefined
      ? `<td class="num">${escapeHtml(text)}</td>`
      : `<td class="num breach ${breach.severity}" title="${escapeHtml(breachTitle(breach))}">` +
        `${escapeHtml(text + markOf(breach.severity))}</td>`;
  // The slow share needs the service's latency threshold: no column for a service without alert rules.
  const slowHeader =
    t === null
      ? ''
      : `<th class="num">&gt;${escapeHtml(setting('latencyP99Seconds', t.latencyThresholdSeconds))}</th>`;
  const row = (method: string, route: string, traffic: TrafficSignals, ref?: RouteRef, total = false) =>
    `<tr${total ? ' class="total"' : ''}><td>${escapeHtml(method)}</td><td class="route">${escapeHtml(route)}</td>` +
    cell(rate(traffic.rate)) +
    cell(percent(traffic.errorRatio), breachOf('errorRatio', ref)) +
    (t === null ? '' : cell(percent(traffic.slowRatio), breachOf('slowRatio', ref))) +
    cell(seconds(traffic.p50Seconds)) +
    cell(seconds(traffic.p95Seconds)) +
    cell(seconds(traffic.p99Seconds), breachOf('latencyP99Seconds', ref)) +
    '</tr>';
  const rows = [row('', 'all routes', service.total, undefined, true)];
  for (const r of service.routes) rows.push(row(r.method ?? '-', routeName(r), r, r));
  return (
    '<table class="routes"><thead><tr><th>method</th><th>route</th><th class="num">req/s</th>' +
    `<th class="num">5xx</th>${slowHeader}<th class="num">p50</th><th class="num">p95</th><th class="num">p99</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function serviceSection(service: ServiceSnapshot, snapshots: readonly TopSnapshot[], from: string): string {
  const where = service.instance === null ? service.url : `${service.url} (${service.instance})`;
  const breachOf = (signal: ThresholdSignal) =>
    service.breaches.find((b) => b.signal === signal && b.route === undefined);
  const marked = (text: string, signal: ThresholdSignal) => markedValue(text, breachOf(signal));
  const s = service.saturation;
  const facts = [
    `in flight ${escapeHtml(String(service.inFlight ?? '-'))}`,
    `event loop ${marked(percent(s.eventLoopUtilization), 'eventLoopUtilization')} busy`,
    `delay p99 ${marked(seconds(s.eventLoopDelayP99Seconds), 'eventLoopDelayP99Seconds')}`,
    `heap ${escapeHtml(`${bytes(s.heapUsedBytes)} / ${bytes(s.heapLimitBytes)}`)} ` +
      `(${marked(percent(s.heapUsedRatio), 'heapUsedRatio')})`,
  ];
  if (s.cpuCores !== null) facts.push(`cpu ${marked(s.cpuCores.toFixed(2), 'cpuCores')} cores`);
  if (service.logs !== null) {
    const perMinute = (value: number | null | undefined) => (value == null ? '-' : `${value.toFixed(1)}/min`);
    const { errorsPerMinute, perMinuteByLevel } = service.logs;
    const warnings = errorsPerMinute === null ? null : (perMinuteByLevel.warn ?? 0);
    facts.push(
      `log errors ${marked(perMinute(errorsPerMinute), 'errorLogsPerMinute')}`,
      `warnings ${marked(perMinute(warnings), 'warningLogsPerMinute')}`,
    );
  }
  const alerts =
    service.thresholds === null
      ? `not in ${from}: no alert rules for it, nothing marked`
      : `alerts at: ${thresholdLine(service.thresholds)}`;
  const down = service.up
    ? ''
    : `<p class="down">DOWN: ${escapeHtml(service.error ?? 'no answer')} (last values in the table)</p>`;
  const charts = chartData(snapshots, serviceKey(service))
    .map(
      (chart) =>
        `<figure><figcaption>${escapeHtml(chart.title)} <span class="legend">${legend(chart)}</span></figcaption>${svgChart(chart)}</figure>`,
    )
    .join('');
  return (
    `<section class="service" data-service="${escapeHtml(service.service)}">` +
    `<h2>${escapeHtml(service.service)} <span class="where">${escapeHtml(where)}</span></h2>${down}` +
    `<p class="facts">${facts.join(' · ')}</p><p class="alerts">${escapeHtml(alerts)}</p>` +
    `<div class="charts">${charts}</div>${routeTable(service)}</section>`
  );
}

/** A breach as the terminal lists it: where, the value over the threshold, the alert and its severity. */
function breachItem(service: ServiceSnapshot, b: Breach): string {
  return (
    `<li class="${b.severity}" data-alert="${escapeHtml(b.alert)}" data-severity="${b.severity}">` +
    `${escapeHtml(`${markOf(b.severity)} ${breachText(service.service, service.thresholds, b)}`)}</li>`
  );
}

/** Services in a fixed order (name, then URL), so sections do not jump as their rates change. */
function byName(a: ServiceSnapshot, b: ServiceSnapshot): number {
  return a.service.localeCompare(b.service) || serviceKey(a).localeCompare(serviceKey(b));
}

/**
 * The live part of the page as an HTML fragment: per service its charts over the kept snapshots and
 * the routes of the latest one, then what would fire: the service-wide breaches (what the alerts are
 * about), then the routes over their service's thresholds. Every string that came from an endpoint, or
 * from the SLO file's path, is escaped.
 */
export function renderDashboard({ snapshots, sequence }: DashboardInput): string {
  const latest = snapshots.at(-1);
  if (latest === undefined)
    return `<div id="dashboard" data-seq="${sequence}"><p class="note">waiting for the first scrape</p></div>`;
  const first = snapshots[0] as TopSnapshot;
  const from =
    latest.thresholdsFrom === 'defaults'
      ? 'the SLO defaults (--slo <file> for yours)'
      : `${latest.thresholdsFrom}, as signalkit generate writes its alerts`;
  const meta =
    `every ${latest.intervalSeconds} s · ${clock(first.time)} to ${clock(latest.time)} (${snapshots.length} snapshots) · ` +
    `thresholds: ${from}; !! would page, ! ticket if it lasts`;
  const services = [...latest.services].sort(byName);
  const serviceWide = services.flatMap((s) =>
    s.breaches.filter((b) => b.route === undefined).map((b) => breachItem(s, b)),
  );
  const routes = services.flatMap((s) =>
    s.breaches.filter((b) => b.route !== undefined).map((b) => breachItem(s, b)),
  );
  const fire = ['<section class="fire"><h2>Would fire if it lasts</h2>'];
  fire.push(
    serviceWide.length === 0
      ? '<p class="note">nothing would fire</p>'
      : `<ul class="alerts">${serviceWide.join('')}</ul>`,
  );
  // The rules are per service: a route over its service's threshold shows where the service's share comes from.
  if (routes.length > 0)
    fire.push(
      "<h3>Routes over their service's thresholds (the alerts are per service)</h3>",
      `<ul class="routes">${routes.join('')}</ul>`,
    );
  fire.push('</section>');
  return (
    `<div id="dashboard" data-seq="${sequence}"><p class="meta">${escapeHtml(meta)}</p>` +
    `${services.map((s) => serviceSection(s, snapshots, latest.thresholdsFrom)).join('')}${fire.join('')}</div>`
  );
}
