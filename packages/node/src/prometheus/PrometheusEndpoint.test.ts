import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnostics } from '../diagnostics/diagnostics.js';
import type { ScopeProducer } from '../metrics/ScopeProducer.js';
import { DATA_POINT, TEMPORALITY } from '../metrics/sdkConstants.js';
import { PrometheusEndpoint } from './PrometheusEndpoint.js';

const OPTIONS = { host: '127.0.0.1', port: 0, path: '/metrics', auth: undefined };

/** A producer whose data the serializer cannot read (a histogram point without buckets): a bug's stand-in. */
const broken: ScopeProducer = {
  collect: () =>
    ({
      scope: { name: 'broken' },
      metrics: [
        {
          descriptor: { name: 'broken.duration', unit: 's', description: '' },
          dataPointType: DATA_POINT.HISTOGRAM,
          aggregationTemporality: TEMPORALITY.CUMULATIVE,
          dataPoints: [{ attributes: {}, startTime: [0, 0], endTime: [0, 0], value: {} }],
        },
      ],
    }) as unknown as ScopeMetrics,
};

describe('PrometheusEndpoint', () => {
  let endpoint: PrometheusEndpoint | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    await endpoint?.shutdown();
  });

  it('answers 500 when the metrics cannot be serialised, and leaves no unhandled rejection', async () => {
    process.on('unhandledRejection', onUnhandled);
    endpoint = new PrometheusEndpoint(OPTIONS, createDiagnostics('none'), [broken], {});
    const state = await endpoint.listen();
    if (state.state !== 'listening') throw new Error(`not listening: ${JSON.stringify(state)}`);
    for (const method of ['GET', 'HEAD']) {
      const response = await fetch(state.url, { method });
      expect(response.status, method).toBe(500);
      await response.text();
    }
    // An unhandled rejection is reported after the microtask queue drains: give it a turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });
});
