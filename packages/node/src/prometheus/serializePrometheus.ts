import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { DataPoint, Histogram, MetricData, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { type InstrumentKind, prometheusLabel, prometheusName } from '../metrics/names.js';
import { DATA_POINT } from '../metrics/sdkConstants.js';

/** Content type of the Prometheus text exposition format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function stringify(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

/** `{a="1",b="2"}` with an optional extra label last (`le` of a bucket). */
function labels(attributes: Attributes, extraName?: string, extraValue?: string): string {
  const parts: string[] = [];
  // Two attributes may sanitise to the same label (`a.b`, `a_b`): the spec joins their values with `;`.
  const merged = new Map<string, string>();
  for (const key of Object.keys(attributes).sort()) {
    const name = prometheusLabel(key);
    const value = stringify(attributes[key]);
    const prev = merged.get(name);
    merged.set(name, prev === undefined ? value : `${prev};${value}`);
  }
  for (const [name, value] of merged) parts.push(`${name}="${escapeLabelValue(value)}"`);
  if (extraName !== undefined && extraValue !== undefined) parts.push(`${extraName}="${extraValue}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function kindOf(metric: MetricData): InstrumentKind | undefined {
  switch (metric.dataPointType) {
    case DATA_POINT.HISTOGRAM:
      return 'histogram';
    case DATA_POINT.SUM:
      return metric.isMonotonic ? 'counter' : 'updowncounter';
    case DATA_POINT.GAUGE:
      return 'gauge';
    default:
      // Exponential histograms have no text-format equivalent here; signalkit records none.
      return undefined;
  }
}

function histogramLines(name: string, point: DataPoint<Histogram>, out: string[]): void {
  const { boundaries, counts } = point.value.buckets;
  let cumulative = 0;
  for (let i = 0; i < counts.length; i++) {
    cumulative += counts[i] as number;
    const le = i < boundaries.length ? formatNumber(boundaries[i] as number) : '+Inf';
    out.push(`${name}_bucket${labels(point.attributes, 'le', le)} ${cumulative}`);
  }
  out.push(`${name}_sum${labels(point.attributes)} ${formatNumber(point.value.sum ?? 0)}`);
  out.push(`${name}_count${labels(point.attributes)} ${point.value.count}`);
}

/** `target_info` carries the resource attributes, as in the OpenTelemetry Prometheus compatibility spec. */
function targetInfo(resourceAttributes: Attributes): string[] {
  return [
    '# HELP target_info Target metadata',
    '# TYPE target_info gauge',
    `target_info${labels(resourceAttributes)} 1`,
  ];
}

/**
 * Serialises collected metrics to the Prometheus text format, with OpenTelemetry-compatible names
 * (unit suffix and `_total`), so the names are the same whether Prometheus scrapes signalkit or
 * receives OTLP through a collector. The output passes `promtool check metrics`.
 */
export function serializePrometheus(
  resourceAttributes: Attributes,
  scopeMetrics: readonly ScopeMetrics[],
): string {
  const families = new Map<string, { kind: InstrumentKind; help: string; lines: string[] }>();
  for (const scope of scopeMetrics) {
    for (const metric of scope.metrics) {
      const kind = kindOf(metric);
      if (kind === undefined || metric.dataPoints.length === 0) continue;
      const name = prometheusName({ name: metric.descriptor.name, unit: metric.descriptor.unit, kind });
      let family = families.get(name);
      if (family === undefined) {
        family = { kind, help: metric.descriptor.description || metric.descriptor.name, lines: [] };
        families.set(name, family);
      }
      if (kind === 'histogram') {
        for (const point of metric.dataPoints as DataPoint<Histogram>[])
          histogramLines(name, point, family.lines);
      } else {
        for (const point of metric.dataPoints as DataPoint<number>[])
          family.lines.push(`${name}${labels(point.attributes)} ${formatNumber(point.value)}`);
      }
    }
  }
  const out = targetInfo(resourceAttributes);
  for (const [name, family] of families) {
    const type = family.kind === 'updowncounter' ? 'gauge' : family.kind;
    out.push(`# HELP ${name} ${escapeHelp(family.help)}`, `# TYPE ${name} ${type}`, ...family.lines);
  }
  return `${out.join('\n')}\n`;
}
