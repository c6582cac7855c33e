import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createDiagnostics } from '../diagnostics/diagnostics.js';
import { DeferredMeterProvider } from './DeferredMeterProvider.js';

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

async function collectedNames(reader: MetricReader): Promise<string[]> {
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics.map((m) => m.descriptor.name));
}

describe('DeferredMeterProvider', () => {
  it('builds the SDK provider once, on the first recorded value, and meters created before reach it', async () => {
    let built = 0;
    const reader = new TestReader();
    const provider = new DeferredMeterProvider(
      () => {
        built++;
        return new MeterProvider({ readers: [reader] });
      },
      createDiagnostics('error', () => {}),
    );
    const early = provider.getMeter('early').createHistogram('unused');
    const gauge = provider.getMeter('early').createObservableGauge('queue');
    gauge.addCallback((result) => result.observe(7));
    await provider.forceFlush();
    expect(built).toBe(0);
    provider.getMeter('a').createCounter('x').add(2);
    expect(built).toBe(1);
    early.record(0.5);
    provider.getMeter('b');
    expect(built).toBe(1);
    expect(await collectedNames(reader)).toEqual(expect.arrayContaining(['x', 'unused', 'queue']));
    await provider.shutdown();
  });

  it('queues what deferred meters record until a scrape or the timer builds the SDK', async () => {
    const reader = new TestReader();
    const provider = new DeferredMeterProvider(
      () => new MeterProvider({ readers: [reader] }),
      createDiagnostics('error', () => {}),
    );
    const capacity = provider.deferredMeter('@opentelemetry/sdk-trace').createUpDownCounter('capacity');
    capacity.add(2048);
    expect(provider.built).toBe(false);
    provider.materializeIfWaited();
    expect(provider.built).toBe(true);
    capacity.add(1);
    const { resourceMetrics } = await reader.collect();
    const metric = resourceMetrics.scopeMetrics
      .flatMap((s) => s.metrics)
      .find((m) => m.descriptor.name === 'capacity');
    expect(metric?.dataPoints[0]?.value).toBe(2049);
    await provider.shutdown();
  });

  it('gives no-op meters and one error line when the SDK cannot be built, and never throws', () => {
    const lines: string[] = [];
    let attempts = 0;
    const provider = new DeferredMeterProvider(
      () => {
        attempts++;
        throw new Error('broken install');
      },
      createDiagnostics('error', (line) => lines.push(line)),
    );
    expect(() => provider.getMeter('a').createCounter('x').add(1)).not.toThrow();
    expect(() => provider.getMeter('b').createHistogram('y').record(1)).not.toThrow();
    expect(attempts).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^signalkit error: the metrics SDK could not start: Error: broken install/);
  });
});
