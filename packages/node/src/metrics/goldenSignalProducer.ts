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
import type { HistogramFamily } from './HistogramFamily.js';
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

function histogramData(
  spec: MetricSpec,
  family: Pick<HistogramFamily<never, never, never>, 'all' | 'boundaries'>,
  startTime: HrTime,
  endTime: HrTime,
): MetricData | undefined {
  const series = family.all();
  if (series.length === 0) return undefined;
  const dataPoints: DataPoint<Histogram>[] = series.map((s) => ({
    attributes: s.attributes,
    startTime,
    endTime,
    value: {
      buckets: { boundaries: family.boundaries as number[], counts: Array.from(s.counts) },
      sum: s.sum,
      count: s.count,
      ...(s.count > 0 ? { min: s.min, max: s.max } : {}),
    },
  }));
  return {
    descriptor: descriptor(spec, { explicitBucketBoundaries: family.boundaries as number[] }),
    aggregationTemporality: AggregationTemporality.CUMULATIVE,
    dataPointType: DataPointType.HISTOGRAM,
    dataPoints,
  };
}

/**
 * Hands the recorder's series to the OpenTelemetry SDK at collection time, as cumulative data, so
 * every reader (Prometheus endpoint, OTLP) sees them like any other instrument.
 */
export function goldenSignalProducer(recorder: GoldenSignalRecorder, resource: Resource): MetricProducer {
  const startTime = hrTime();
  return {
    async collect(): Promise<CollectionResult> {
      const endTime = hrTime();
      const metrics: MetricData[] = [];
      const server = histogramData(METRICS.httpServerDuration, recorder.server, startTime, endTime);
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
      const client = histogramData(METRICS.httpClientDuration, recorder.client, startTime, endTime);
      if (client !== undefined) metrics.push(client);
      return {
        resourceMetrics: { resource, scopeMetrics: [{ scope: SCOPE, metrics }] },
        errors: [],
      };
    },
  };
}
