import { LABEL, PROM } from '../model/metricNames.js';
import { RECORDED } from './recordingRules.js';

/** Datasource uids fixed by docker/grafana/provisioning/datasources. */
export const DATASOURCE_UIDS = Object.freeze({ prometheus: 'prometheus', loki: 'loki', jaeger: 'jaeger' });

const PROMETHEUS = { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus };
const LOKI = { type: 'loki', uid: DATASOURCE_UIDS.loki };

/** The dashboard's uid: stable, so links to it survive regeneration. */
export const DASHBOARD_UID = 'signalkit-golden-signals';

const JOB = 'job="$service"';
const JOB_ROUTE = `job="$service", ${LABEL.route}=~"$route"`;

interface Target {
  readonly expr: string;
  readonly legend?: string;
  readonly instant?: boolean;
  readonly format?: 'time_series' | 'table' | 'heatmap';
  readonly exemplar?: boolean;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function promTargets(targets: readonly Target[]): Record<string, unknown>[] {
  return targets.map((t, i) => ({
    datasource: PROMETHEUS,
    refId: String.fromCharCode(65 + i),
    expr: t.expr,
    legendFormat: t.legend ?? '__auto',
    range: t.instant !== true,
    instant: t.instant === true,
    format: t.format ?? 'time_series',
    exemplar: t.exemplar === true,
    editorMode: 'code',
  }));
}

function row(title: string, y: number): Record<string, unknown> {
  return {
    type: 'row',
    title,
    collapsed: false,
    gridPos: { x: 0, y, w: 24, h: 1 },
    panels: [],
  };
}

function timeseries(
  title: string,
  description: string,
  box: Box,
  targets: readonly Target[],
  unit: string,
  options: { max?: number; threshold?: number; stack?: boolean } = {},
): Record<string, unknown> {
  const thresholds =
    options.threshold === undefined
      ? { mode: 'absolute', steps: [{ color: 'green', value: null }] }
      : {
          mode: 'absolute',
          steps: [
            { color: 'green', value: null },
            { color: 'red', value: options.threshold },
          ],
        };
  return {
    type: 'timeseries',
    title,
    description,
    datasource: PROMETHEUS,
    gridPos: box,
    targets: promTargets(targets),
    fieldConfig: {
      defaults: {
        unit,
        min: 0,
        ...(options.max === undefined ? {} : { max: options.max }),
        thresholds,
        custom: {
          drawStyle: 'line',
          lineWidth: 1,
          fillOpacity: options.stack === true ? 30 : 10,
          showPoints: 'never',
          spanNulls: false,
          stacking: { mode: options.stack === true ? 'normal' : 'none', group: 'A' },
          thresholdsStyle: { mode: options.threshold === undefined ? 'off' : 'dashed' },
        },
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'list', placement: 'bottom', showLegend: true },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  };
}

function stat(
  title: string,
  description: string,
  box: Box,
  expr: string,
  unit: string,
): Record<string, unknown> {
  return {
    type: 'stat',
    title,
    description,
    datasource: PROMETHEUS,
    gridPos: box,
    targets: promTargets([{ expr, instant: true }]),
    fieldConfig: {
      defaults: { unit, thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }] } },
    },
    options: { reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false }, colorMode: 'value' },
  };
}

const bucketsOf = (by: string) => `sum by (${by}) (${RECORDED.routeBuckets}{${JOB_ROUTE}})`;

/** The "Golden signals" dashboard: one service (the `job`) at a time, filtered by route. */
export function goldenSignalsDashboard(): Record<string, unknown> {
  const requests = `${RECORDED.routeRequests}{${JOB_ROUTE}}`;
  const errors = `${RECORDED.routeErrors}{${JOB_ROUTE}}`;
  const panels: Record<string, unknown>[] = [
    stat(
      'Requests/s',
      'All selected routes, 5-minute rate.',
      { x: 0, y: 0, w: 6, h: 4 },
      `sum(${requests})`,
      'reqps',
    ),
    stat(
      'Error ratio',
      'Share of requests answered with a 5xx, all selected routes, 5-minute rate.',
      { x: 6, y: 0, w: 6, h: 4 },
      `sum(${errors}) / sum(${requests})`,
      'percentunit',
    ),
    stat(
      'p99 latency',
      'All selected routes, 5-minute window.',
      { x: 12, y: 0, w: 6, h: 4 },
      `histogram_quantile(0.99, ${bucketsOf('le')})`,
      's',
    ),
    stat(
      'Firing alerts',
      'Alerts of this service firing now (see the table below and Alertmanager).',
      { x: 18, y: 0, w: 6, h: 4 },
      `count(ALERTS{alertstate="firing", service="$service"}) or vector(0)`,
      'none',
    ),
    row('Traffic and errors', 4),
    timeseries(
      'Request rate by route',
      `Requests per second (5-minute rate) by ${LABEL.route}.`,
      { x: 0, y: 5, w: 8, h: 8 },
      [{ expr: `sum by (${LABEL.route}) (${requests})`, legend: `{{${LABEL.route}}}` }],
      'reqps',
      { stack: true },
    ),
    timeseries(
      'Error ratio by route',
      'Share of requests answered with a 5xx (5-minute rate).',
      { x: 8, y: 5, w: 8, h: 8 },
      [
        {
          expr: `sum by (${LABEL.route}) (${errors})\n/\nsum by (${LABEL.route}) (${requests})`,
          legend: `{{${LABEL.route}}}`,
        },
      ],
      'percentunit',
    ),
    timeseries(
      'Error ratio: SLO windows',
      'The service-wide error ratio over the windows the burn-rate alerts read (all routes).',
      { x: 16, y: 5, w: 8, h: 8 },
      (['5m', '1h', '6h'] as const).map((w) => ({ expr: `${RECORDED.errorRatio(w)}{${JOB}}`, legend: w })),
      'percentunit',
    ),
    row('Latency', 13),
    timeseries(
      'Latency p50 / p95 / p99',
      'Quantiles over the selected routes (5-minute window), interpolated within histogram buckets.',
      { x: 0, y: 14, w: 8, h: 8 },
      [0.5, 0.95, 0.99].map((q) => ({
        expr: `histogram_quantile(${q}, ${bucketsOf('le')})`,
        legend: `p${q * 100}`,
        exemplar: q === 0.99,
      })),
      's',
    ),
    timeseries(
      'Latency p99 by route',
      '99th percentile per route (5-minute window).',
      { x: 8, y: 14, w: 8, h: 8 },
      [
        {
          expr: `histogram_quantile(0.99, ${bucketsOf(`${LABEL.route}, le`)})`,
          legend: `{{${LABEL.route}}}`,
        },
      ],
      's',
    ),
    {
      type: 'heatmap',
      title: 'Latency heatmap',
      description: 'Requests per latency bucket over time (selected routes).',
      datasource: PROMETHEUS,
      gridPos: { x: 16, y: 14, w: 8, h: 8 },
      targets: promTargets([
        {
          expr: `sum by (le) (increase(${PROM.httpDuration}_bucket{${JOB_ROUTE}}[$__rate_interval]))`,
          legend: '{{le}}',
          format: 'heatmap',
        },
      ]),
      options: {
        calculate: false,
        cellGap: 1,
        color: { mode: 'scheme', scheme: 'Oranges', steps: 64 },
        yAxis: { unit: 's' },
        tooltip: { mode: 'single', yHistogram: true },
        legend: { show: true },
      },
    },
    timeseries(
      'Slow requests: SLO windows',
      'Share of requests slower than the service latency threshold (see docker/slo.yaml), all routes.',
      { x: 0, y: 22, w: 12, h: 7 },
      (['5m', '1h', '6h'] as const).map((w) => ({ expr: `${RECORDED.slowRatio(w)}{${JOB}}`, legend: w })),
      'percentunit',
    ),
    timeseries(
      'In-flight requests',
      'Requests being served right now, per instance.',
      { x: 12, y: 22, w: 12, h: 7 },
      [{ expr: `sum by (instance) (${PROM.httpActive}{${JOB}})`, legend: '{{instance}}' }],
      'none',
    ),
    row('Saturation', 29),
    timeseries(
      'Event loop utilization',
      'Share of time the event loop was busy. Near 100% every request waits for JavaScript work.',
      { x: 0, y: 30, w: 8, h: 8 },
      [{ expr: `${PROM.eventLoopUtilization}{${JOB}}`, legend: '{{instance}}' }],
      'percentunit',
      { max: 1 },
    ),
    timeseries(
      'Event loop delay',
      'How late timers fire: what every callback waits before it runs.',
      { x: 8, y: 30, w: 8, h: 8 },
      [
        { expr: `${PROM.eventLoopDelayP50}{${JOB}}`, legend: 'p50 {{instance}}' },
        { expr: `${PROM.eventLoopDelayP99}{${JOB}}`, legend: 'p99 {{instance}}' },
        { expr: `${PROM.eventLoopDelayMax}{${JOB}}`, legend: 'max {{instance}}' },
      ],
      's',
    ),
    timeseries(
      'CPU',
      'CPU cores used (user + system, 5-minute rate). One event loop uses at most one core.',
      { x: 16, y: 30, w: 8, h: 8 },
      [{ expr: `${RECORDED.cpu}{${JOB}}`, legend: '{{instance}}' }],
      'none',
    ),
    timeseries(
      'Heap used and limit',
      'V8 heap in use against the limit where the process dies out of memory; resident set size for reference.',
      { x: 0, y: 38, w: 12, h: 8 },
      [
        { expr: `${PROM.heapUsed}{${JOB}}`, legend: 'used {{instance}}' },
        { expr: `${PROM.heapLimit}{${JOB}}`, legend: 'limit {{instance}}' },
        { expr: `${PROM.memoryUsage}{${JOB}}`, legend: 'rss {{instance}}' },
      ],
      'bytes',
    ),
    timeseries(
      'Heap used / limit',
      'Share of the V8 heap limit in use.',
      { x: 12, y: 38, w: 12, h: 8 },
      [{ expr: `${RECORDED.heapRatio}{${JOB}}`, legend: '{{instance}}' }],
      'percentunit',
      { max: 1 },
    ),
    row('Logs and alerts', 46),
    timeseries(
      'Log records per minute by level',
      'From the log.records counter of @signalkit/winston (5-minute rate).',
      { x: 0, y: 47, w: 12, h: 8 },
      [
        {
          expr: `sum by (${LABEL.logLevel}) (${RECORDED.logRecords}{${JOB}}) * 60`,
          legend: `{{${LABEL.logLevel}}}`,
        },
      ],
      'none',
      { stack: true },
    ),
    {
      type: 'table',
      title: 'Firing alerts',
      description: 'Alerts of this service firing now (the ALERTS series of Prometheus).',
      datasource: PROMETHEUS,
      gridPos: { x: 12, y: 47, w: 12, h: 8 },
      targets: promTargets([
        {
          expr: 'sum by (alertname, severity, instance) (ALERTS{alertstate="firing", service="$service"})',
          instant: true,
          format: 'table',
        },
      ]),
      transformations: [{ id: 'organize', options: { excludeByName: { Time: true, Value: true } } }],
      options: { showHeader: true },
    },
    {
      type: 'logs',
      title: 'Error and warning logs',
      description: 'From Loki (OTLP logs through the collector). Each record links to its trace in Jaeger.',
      datasource: LOKI,
      gridPos: { x: 0, y: 55, w: 24, h: 10 },
      targets: [
        {
          datasource: LOKI,
          refId: 'A',
          expr: '{service_name="$service"} | severity_text=~"(?i)(error|warn.*)"',
          queryType: 'range',
          editorMode: 'code',
        },
      ],
      options: {
        showTime: true,
        wrapLogMessage: true,
        sortOrder: 'Descending',
        enableLogDetails: true,
        dedupStrategy: 'none',
      },
    },
  ];
  // Panel ids in layout order.
  panels.forEach((panel, i) => {
    panel.id = i + 1;
  });
  return {
    uid: DASHBOARD_UID,
    title: 'Golden signals',
    description:
      'Latency, traffic, errors and saturation of a signalkit service, by route. Generated from docker/slo.yaml.',
    tags: ['signalkit', 'golden-signals'],
    editable: false,
    graphTooltip: 1,
    schemaVersion: 41,
    version: 1,
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    timezone: 'browser',
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    templating: {
      list: [
        {
          name: 'service',
          label: 'Service',
          type: 'query',
          datasource: PROMETHEUS,
          definition: `label_values(${PROM.httpDuration}_count, job)`,
          query: { query: `label_values(${PROM.httpDuration}_count, job)`, refId: 'service', qryType: 1 },
          refresh: 2,
          sort: 1,
          includeAll: false,
          multi: false,
        },
        {
          name: 'route',
          label: 'Route',
          type: 'query',
          datasource: PROMETHEUS,
          definition: `label_values(${PROM.httpDuration}_count{${JOB}}, ${LABEL.route})`,
          query: {
            query: `label_values(${PROM.httpDuration}_count{${JOB}}, ${LABEL.route})`,
            refId: 'route',
            qryType: 1,
          },
          refresh: 2,
          sort: 1,
          includeAll: true,
          allValue: '.*',
          multi: true,
          current: { text: ['All'], value: ['$__all'] },
        },
      ],
    },
    panels,
  };
}
