import { type HrTime, ValueType } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  type CollectionResult,
  type DataPoint,
  DataPointType,
  type Histogram,
  type MetricData,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';
import { METHOD_NAMES } from '../http/methods.js';
import type { GoldenSignalRecorder } from './GoldenSignalRecorder.js';
import type { HistogramFamily, HistogramSeries } from './HistogramFamily.js';
import { ATTR, METRICS, type MetricSpec } from './names.js';
import { SCOPE } from './scope.js';

function descriptor(spec: MetricSpec, advice?: { explicitBucketBoundaries: number[] }) {
  return {
    name: spec.name,
    description: spec.description,
    unit: spec.unit,
    valueType: ValueType.DOUBLE,
    advice: advice ?? {},
  };
}

/** The last values handed out per series, to compute deltas for a delta-temporality reader. */
type Snapshot = { counts: Float64Array; sum: number; count: number };

function histogramData(
  spec: MetricSpec,
  family: Pick<HistogramFamily<never, never, never>, 'all' | 'boundaries'>,
  startTime: HrTime,
  endTime: HrTime,
  previous: Map<HistogramSeries, Snapshot> | undefined,
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
    aggregationTemporality:
      previous === undefined ? AggregationTemporality.CUMULATIVE : AggregationTemporality.DELTA,
    dataPointType: DataPointType.HISTOGRAM,
    dataPoints,
  };
}

/**
 * Hands the recorder's series to the OpenTelemetry SDK at collection time, as cumulative data, so
 * every reader (Prometheus endpoint, OTLP) sees them like any other instrument.
 */
export function goldenSignalProducer(
  recorder: GoldenSignalRecorder,
  resource: Resource,
  temporality: AggregationTemporality = AggregationTemporality.CUMULATIVE,
): MetricProducer {
  const startTime = hrTime();
  // Each reader has its own producer: a delta reader keeps what it handed out last.
  const delta = temporality === AggregationTemporality.DELTA;
  const previousServer = delta ? new Map<HistogramSeries, Snapshot>() : undefined;
  const previousClient = delta ? new Map<HistogramSeries, Snapshot>() : undefined;
  let lastCollection = startTime;
  return {
    async collect(): Promise<CollectionResult> {
      const endTime = hrTime();
      const histogramStart = delta ? lastCollection : startTime;
      lastCollection = endTime;
      const metrics: MetricData[] = [];
      const server = histogramData(
        METRICS.httpServerDuration,
        recorder.server,
        histogramStart,
        endTime,
        previousServer,
      );
      if (server !== undefined) metrics.push(server);
      const active: DataPoint<number>[] = [];
      for (let m = 0; m < METHOD_NAMES.length; m++) {
        if (recorder.activeSeen[m] !== 1) continue;
        active.push({
          attributes: { [ATTR.method]: METHOD_NAMES[m] },
          startTime,
          endTime,
          value: recorder.active[m] as number,
        });
      }
      if (active.length > 0) {
        metrics.push({
          descriptor: descriptor(METRICS.httpServerActiveRequests),
          aggregationTemporality: AggregationTemporality.CUMULATIVE,
          dataPointType: DataPointType.SUM,
          isMonotonic: false,
          dataPoints: active,
        });
      }
      const client = histogramData(
        METRICS.httpClientDuration,
        recorder.client,
        histogramStart,
        endTime,
        previousClient,
      );
      if (client !== undefined) metrics.push(client);
      return {
        resourceMetrics: { resource, scopeMetrics: [{ scope: SCOPE, metrics }] },
        errors: [],
      };
    },
  };
}
