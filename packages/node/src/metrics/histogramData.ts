import { type HrTime, ValueType } from '@opentelemetry/api';
import type { DataPoint, Histogram, MetricData } from '@opentelemetry/sdk-metrics';
import type { HistogramFamily, HistogramSeries } from './HistogramFamily.js';
import type { MetricSpec } from './names.js';
import { DATA_POINT, TEMPORALITY } from './sdkConstants.js';

export function descriptor(spec: MetricSpec, advice?: { explicitBucketBoundaries: number[] }) {
  return {
    name: spec.name,
    description: spec.description,
    unit: spec.unit,
    valueType: ValueType.DOUBLE,
    advice: advice ?? {},
  };
}

/** The last values handed out per series, to compute deltas for a delta-temporality reader. */
export type HistogramSnapshot = { counts: Float64Array; sum: number; count: number };

export function histogramData(
  spec: MetricSpec,
  family: Pick<HistogramFamily<never, never, never>, 'all' | 'boundaries'>,
  startTime: HrTime,
  endTime: HrTime,
  previous: Map<HistogramSeries, HistogramSnapshot> | undefined,
): MetricData | undefined {
  const dataPoints: DataPoint<Histogram>[] = [];
  for (const s of family.all()) {
    if (previous === undefined) {
      dataPoints.push({
        attributes: s.attributes,
        startTime,
        endTime,
        value: {
          buckets: { boundaries: family.boundaries as number[], counts: Array.from(s.counts) },
          sum: s.sum,
          count: s.count,
          ...(s.count > 0 ? { min: s.min, max: s.max } : {}),
        },
      });
      continue;
    }
    const before = previous.get(s);
    const count = s.count - (before?.count ?? 0);
    if (count === 0) continue;
    const counts = Array.from(s.counts, (c, i) => c - (before?.counts[i] ?? 0));
    // Delta points: min and max of the interval are unknown from cumulative series, so they are left out.
    dataPoints.push({
      attributes: s.attributes,
      startTime,
      endTime,
      value: {
        buckets: { boundaries: family.boundaries as number[], counts },
        sum: s.sum - (before?.sum ?? 0),
        count,
      },
    });
    previous.set(s, { counts: Float64Array.from(s.counts), sum: s.sum, count: s.count });
  }
  if (dataPoints.length === 0) return undefined;
  return {
    descriptor: descriptor(spec, { explicitBucketBoundaries: family.boundaries as number[] }),
    aggregationTemporality: previous === undefined ? TEMPORALITY.CUMULATIVE : TEMPORALITY.DELTA,
    dataPointType: DATA_POINT.HISTOGRAM,
    dataPoints,
  };
}
