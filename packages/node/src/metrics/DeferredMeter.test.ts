import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { DeferredMeter } from './DeferredMeter.js';

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

async function values(reader: MetricReader): Promise<Record<string, unknown>> {
  const { resourceMetrics } = await reader.collect();
  return Object.fromEntries(
    resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .map((m) => [m.descriptor.name, m.dataPoints.map((p) => p.value)]),
  );
}

describe('DeferredMeter', () => {
  it('replays creations, values and callbacks in order on bind, then forwards directly', async () => {
    const meter = new DeferredMeter();
    const counter = meter.createCounter('jobs');
    counter.add(2, { queue: 'mail' });
    const histogram = meter.createHistogram('latency');
    histogram.record(0.25);
    const queue = meter.createObservableGauge('queue');
    const capacity = meter.createObservableUpDownCounter('capacity');
    meter.addBatchObservableCallback(
      (result) => {
        result.observe(queue, 5);
        result.observe(capacity, 2048);
      },
      [queue, capacity],
    );
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    meter.bind(provider.getMeter('test'));
    counter.add(3, { queue: 'mail' });
    const seen = await values(reader);
    expect(seen.jobs).toEqual([5]);
    expect(seen.queue).toEqual([5]);
    expect(seen.capacity).toEqual([2048]);
    expect(seen.latency).toEqual([expect.objectContaining({ count: 1, sum: 0.25 })]);
    await provider.shutdown();
  });

  it('calls onRecord on the first value while unbound, and records directly when that binds it', async () => {
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    let calls = 0;
    const meter: DeferredMeter = new DeferredMeter(() => {
      calls++;
      meter.bind(provider.getMeter('test'));
    });
    const counter = meter.createCounter('jobs');
    expect(calls).toBe(0);
    counter.add(1);
    counter.add(1);
    expect(calls).toBe(1);
    expect((await values(reader)).jobs).toEqual([2]);
    await provider.shutdown();
  });

  it('keeps at most 10,000 queued calls while unbound', async () => {
    const meter = new DeferredMeter();
    const counter = meter.createCounter('jobs');
    for (let i = 0; i < 20_000; i++) counter.add(1);
    const reader = new TestReader();
    const provider = new MeterProvider({ readers: [reader] });
    meter.bind(provider.getMeter('test'));
    // The creation is the first queued call, then 9,999 values.
    expect((await values(reader)).jobs).toEqual([9999]);
    await provider.shutdown();
  });
});
