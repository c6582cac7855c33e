import {
  bytes,
  formatSignal,
  percent,
  rate,
  routeName,
  SIGNAL_LABELS,
  seconds,
  setting,
} from '../formatValues.js';
import type { ServiceSnapshot, TopSnapshot, TrafficSignals } from '../snapshot.js';
import type { Breach, RouteRef, ThresholdSignal } from '../thresholds.js';
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

function sameRoute(a: RouteRef | undefined, b: RouteRef | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.method === b.method && a.route === b.route;
}

function routeTable(service: ServiceSnapshot): string {
  if (service.total === null) return '<p class="note">measuring: rates and latency after the next scrape</p>';
  if (service.routes.length === 0) return '<p class="note">no HTTP requests yet</p>';
  const fired = (signal: ThresholdSignal, route?: RouteRef) =>
    service.breaches.some((b) => b.signal === signal && sameRoute(b.route, route));
  const cell = (text: string, breached = false) =>
    breached
      ? `<td class="num breach">${escapeHtml(text)}!</td>`
      : `<td class="num">${escapeHtml(text)}</td>`;
  const row = (method: string, route: string, t: TrafficSignals, ref?: RouteRef, total = false) =>
    `<tr${total ? ' class="total"' : ''}><td>${escapeHtml(method)}</td><td class="route">${escapeHtml(route)}</td>` +
    cell(rate(t.rate)) +
    cell(percent(t.errorRatio), fired('errorRatio', ref)) +
    cell(seconds(t.p50Seconds)) +
    cell(seconds(t.p95Seconds)) +
    cell(seconds(t.p99Seconds), fired('latencyP99Seconds', ref)) +
    '</tr>';
  const rows = [row('', 'all routes', service.total, undefined, true)];
  for (const r of service.routes) rows.push(row(r.method ?? '-', routeName(r), r, r));
  return (
    '<table class="routes"><thead><tr><th>method</th><th>route</th><th class="num">req/s</th>' +
    '<th class="num">5xx</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function serviceSection(service: ServiceSnapshot, snapshots: readonly TopSnapshot[]): string {
  const where = service.instance === null ? service.url : `${service.url} (${service.instance})`;
  const s = service.saturation;
  const facts = [
    `in flight ${service.inFlight ?? '-'}`,
    `event loop ${percent(s.eventLoopUtilization)} busy`,
    `delay p99 ${seconds(s.eventLoopDelayP99Seconds)}`,
    `heap ${bytes(s.heapUsedBytes)} / ${bytes(s.heapLimitBytes)}`,
  ];
  if (service.logs !== null) {
    const perMinute = service.logs.errorsPerMinute;
    facts.push(`log errors ${perMinute === null ? '-' : `${perMinute.toFixed(1)}/min`}`);
  }
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
    `<p class="facts">${escapeHtml(facts.join(' · '))}</p>` +
    `<div class="charts">${charts}</div>${routeTable(service)}</section>`
  );
}

function breachItem(service: ServiceSnapshot, b: Breach): string {
  const where =
    b.route === undefined
      ? service.service
      : `${service.service} ${b.route.method ?? '-'} ${routeName(b.route)}`;
  const text = `${where}: ${SIGNAL_LABELS[b.signal]} ${formatSignal(b.signal, b.value)} > ${setting(b.signal, b.threshold)}`;
  return `<li>${escapeHtml(text)}</li>`;
}

/** Services in a fixed order (name, then URL), so sections do not jump as their rates change. */
function byName(a: ServiceSnapshot, b: ServiceSnapshot): number {
  return a.service.localeCompare(b.service) || serviceKey(a).localeCompare(serviceKey(b));
}

/**
 * The live part of the page as an HTML fragment: per service its charts over the kept snapshots and
 * the routes of the latest one, then what would fire. Every string that came from an endpoint is
 * escaped.
 */
export function renderDashboard({ snapshots, sequence }: DashboardInput): string {
  const latest = snapshots.at(-1);
  if (latest === undefined)
    return `<div id="dashboard" data-seq="${sequence}"><p class="note">waiting for the first scrape</p></div>`;
  const t = latest.thresholds;
  const first = snapshots[0] as TopSnapshot;
  const meta =
    `every ${latest.intervalSeconds} s · ${clock(first.time)} to ${clock(latest.time)} (${snapshots.length} snapshots) · ` +
    `thresholds: 5xx > ${setting('errorRatio', t.errorRatio)}, p99 > ${setting('latencyP99Seconds', t.latencyP99Seconds)}, ` +
    `event loop > ${setting('eventLoopUtilization', t.eventLoopUtilization)}, heap > ${setting('heapUsedRatio', t.heapUsedRatio)}`;
  const services = [...latest.services].sort(byName);
  const breaches = services.flatMap((s) => s.breaches.map((b) => breachItem(s, b)));
  const fire =
    breaches.length === 0
      ? '<section class="fire"><h2>Would fire</h2><p class="note">nothing would fire</p></section>'
      : `<section class="fire"><h2>Would fire</h2><ul>${breaches.join('')}</ul></section>`;
  return (
    `<div id="dashboard" data-seq="${sequence}"><p class="meta">${escapeHtml(meta)}</p>` +
    `${services.map((s) => serviceSection(s, snapshots)).join('')}${fire}</div>`
  );
}
