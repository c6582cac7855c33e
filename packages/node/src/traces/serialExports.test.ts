import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { serialExports } from './serialExports.js';

/**
 * An exporter with upstream's concurrency rule: one open export, more refused; the open one is
 * dequeued in a reaction of the promise whose handler calls the result callback (as upstream does).
 */
function limitedExporter(settleAfterMillis: number) {
  const open: Promise<void>[] = [];
  const sent: number[] = [];
  const exporter: SpanExporter = {
    export(spans, resultCallback) {
      if (open.length >= 1) {
        resultCallback({
          code: ExportResultCode.FAILED,
          error: new Error('Concurrent export limit reached'),
        });
        return;
      }
      const request = new Promise<void>((resolve) => setTimeout(resolve, settleAfterMillis)).then(() => {
        sent.push(spans.length);
        resultCallback({ code: ExportResultCode.SUCCESS });
      });
      open.push(request);
      const pop = () => void open.splice(open.indexOf(request), 1);
      request.then(pop, pop);
    },
    shutdown: async () => {},
  };
  return { exporter, sent };
}

const batch = (n: number) => Array.from({ length: n }, () => ({}) as ReadableSpan);

function exportOnce(exporter: SpanExporter, spans: ReadableSpan[]) {
  return new Promise<{ code: ExportResultCode; error?: Error }>((resolve) => exporter.export(spans, resolve));
}

describe('serialExports', () => {
  it('runs batches handed over while one is open after it, none refused', async () => {
    const { exporter, sent } = limitedExporter(20);
    serialExports(exporter, 100);
    const results = await Promise.all([
      exportOnce(exporter, batch(3)),
      exportOnce(exporter, batch(4)),
      exportOnce(exporter, batch(5)),
    ]);
    expect(results.map((r) => r.code)).toEqual([
      ExportResultCode.SUCCESS,
      ExportResultCode.SUCCESS,
      ExportResultCode.SUCCESS,
    ]);
    expect(sent).toEqual([3, 4, 5]);
  });

  it('starts the next batch from inside a result callback without it being refused', async () => {
    const { exporter, sent } = limitedExporter(5);
    serialExports(exporter, 100);
    const second = await new Promise<{ code: ExportResultCode }>((resolve) =>
      exporter.export(batch(1), () => exporter.export(batch(2), resolve)),
    );
    expect(second.code).toBe(ExportResultCode.SUCCESS);
    expect(sent).toEqual([1, 2]);
  });

  it('fails a batch at once when more than the bound would wait', async () => {
    const { exporter, sent } = limitedExporter(20);
    serialExports(exporter, 5);
    const open = exportOnce(exporter, batch(10));
    const waiting = exportOnce(exporter, batch(5));
    const refused = await exportOnce(exporter, batch(1));
    expect(refused.code).toBe(ExportResultCode.FAILED);
    expect(refused.error?.message).toMatch(/queue full/);
    await Promise.all([open, waiting]);
    expect(sent).toEqual([10, 5]);
  });
});
