import { AggregationTemporality, DataPointType } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { DATA_POINT, TEMPORALITY } from './sdkConstants.js';

describe('sdkConstants', () => {
  it('match the installed SDK enums', () => {
    expect(DATA_POINT).toEqual({
      HISTOGRAM: DataPointType.HISTOGRAM,
      GAUGE: DataPointType.GAUGE,
      SUM: DataPointType.SUM,
    });
    expect(TEMPORALITY).toEqual({
      DELTA: AggregationTemporality.DELTA,
      CUMULATIVE: AggregationTemporality.CUMULATIVE,
    });
  });
});
