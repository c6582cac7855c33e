import { describe, expect, it } from 'vitest';
import { exporterTimeout } from './exporterTimeout.js';

const traces = (exporterMillis: number, batchMillis: number) => ({
  exporter: { timeoutMillis: exporterMillis } as never,
  batch: { exportTimeoutMillis: batchMillis } as never,
});

describe('exporterTimeout', () => {
  it('ends the exporter before the batch processor gives up', () => {
    expect(exporterTimeout(traces(10_000, 10_000))).toBe(9000);
    expect(exporterTimeout(traces(1000, 500))).toBe(450);
    expect(exporterTimeout(traces(2000, 30_000))).toBe(2000);
    expect(exporterTimeout(traces(100, 40))).toBe(1);
  });
});
