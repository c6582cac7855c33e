import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { createDiagnostics } from '../diagnostics/diagnostics.js';
import { DeferredMeterProvider } from './DeferredMeterProvider.js';

describe('DeferredMeterProvider', () => {
  it('builds the SDK provider once, on the first getMeter()', async () => {
    let built = 0;
    const provider = new DeferredMeterProvider(
      () => {
        built++;
        return new MeterProvider();
      },
      createDiagnostics('error', () => {}),
    );
    expect(provider.built).toBe(false);
    await provider.forceFlush();
    expect(built).toBe(0);
    provider.getMeter('a').createCounter('x').add(1);
    provider.getMeter('b');
    expect(built).toBe(1);
    expect(provider.built).toBe(true);
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
