import type { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';

/**
 * The values of the SDK's `DataPointType` and `AggregationTemporality` enums that signalkit's producers
 * and serializer use, without loading @opentelemetry/sdk-metrics (see lazyPackages.ts). They are part of
 * the SDK's exported data model; sdkConstants.test.ts checks them against the installed SDK.
 */
export const DATA_POINT = Object.freeze({
  HISTOGRAM: 0 as DataPointType.HISTOGRAM,
  GAUGE: 2 as DataPointType.GAUGE,
  SUM: 3 as DataPointType.SUM,
});

export const TEMPORALITY = Object.freeze({
  DELTA: 0 as AggregationTemporality.DELTA,
  CUMULATIVE: 1 as AggregationTemporality.CUMULATIVE,
});
