import type { AggregationTemporality, DataPoint, MetricData, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import type { GoldenSignalRecorder } from './GoldenSignalRecorder.js';
import type { HistogramSeries } from './HistogramFamily.js';
import { descriptor, type HistogramSnapshot, histogramData } from './histogramData.js';
import { hrTimeNow } from './hrTime.js';
import { METHOD_NAMES } from './httpMethods.js';
import { ATTR, METRICS } from './names.js';
import type { ScopeProducer } from './ScopeProducer.js';
import { SCOPE } from './scope.js';
import { DATA_POINT, TEMPORALITY } from './sdkConstants.js';

/**
 * Hands the recorder's series to a reader at collection time (the Prometheus endpoint, an OTLP push), in
 * the SDK's data model, as cumulative data unless the reader wants deltas.
 */
export function goldenSignalProducer(
  recorder: GoldenSignalRecorder,
  temporality: AggregationTemporality = TEMPORALITY.CUMULATIVE,
): ScopeProducer {
  const startTime = hrTimeNow();
  // Each reader has its own producer: a delta reader keeps what it handed out last.
  const delta = temporality === TEMPORALITY.DELTA;
  const previousServer = delta ? new Map<HistogramSeries, HistogramSnapshot>() : undefined;
  const previousClient = delta ? new Map<HistogramSeries, HistogramSnapshot>() : undefined;
  let lastCollection = startTime;
  return {
    collect(): ScopeMetrics {
      const endTime = hrTimeNow();
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
          aggregationTemporality: TEMPORALITY.CUMULATIVE,
          dataPointType: DATA_POINT.SUM,
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
      return { scope: SCOPE, metrics };
    },
  };
}
