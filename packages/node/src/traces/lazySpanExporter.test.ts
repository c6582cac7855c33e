import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { lazySpanExporter } from './lazySpanExporter.js';

const span = {} as ReadableSpan;

describe('lazySpanExporter', () => {
  it('builds the exporter on the first export, once', async () => {
    let built = 0;
    const exported: number[] = [];
    const exporter = lazySpanExporter(() => {
      built++;
      return {
        export: (spans, done) => {
          exported.push(spans.length);
          done({ code: ExportResultCode.SUCCESS });
        },
        shutdown: async () => {},
      } satisfies SpanExporter;
    });
    await exporter.forceFlush?.();
    await exporter.shutdown();
    expect(built).toBe(0);
    for (const n of [1, 2]) {
      const result = await new Promise((resolve) => exporter.export(Array(n).fill(span), resolve));
      expect(result).toEqual({ code: ExportResultCode.SUCCESS });
    }
    expect(built).toBe(1);
    expect(exported).toEqual([1, 2]);
  });

  it('fails each export with the build error when the exporter cannot be built, never throws', async () => {
    const exporter = lazySpanExporter(() => {
      throw new Error('no exporter package');
    });
    const result = await new Promise<{ code: ExportResultCode; error?: Error }>((resolve) =>
      exporter.export([span], resolve),
    );
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toBe('no exporter package');
  });
});
