import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { core } from '../lazyPackages.js';

interface Pending {
  readonly spans: ReadableSpan[];
  readonly resultCallback: (result: ExportResult) => void;
}

/**
 * Runs the exporter's exports one after the other: a batch handed over while one is open waits for it,
 * up to `maxPendingSpans` spans waiting (then it fails at once, and the processor counts it dropped).
 *
 * The exporter allows one open export (so a slow collector never sees more), and upstream refuses
 * anything more with "Concurrent export limit reached", dropping the batch unsent. Three paths led there:
 * the batch processor starting its next batch from inside the previous one's result callback (upstream
 * takes the export off its queue a promise reaction later), its flush loop marking itself idle after a
 * failure while the next batch was already open, and `forceFlush()`/`shutdown()` exporting the rest of
 * the buffer while a scheduled export was open: the spans a graceful shutdown meant to save were dropped.
 * Each result is handed on a macrotask later, once the exporter has dequeued the export.
 */
export function serialExports(exporter: SpanExporter, maxPendingSpans: number): void {
  const exportNow = exporter.export.bind(exporter);
  const pending: Pending[] = [];
  let pendingSpans = 0;
  let open = false;

  function run({ spans, resultCallback }: Pending): void {
    open = true;
    exportNow(spans, (result) => {
      setImmediate(() => {
        open = false;
        // What waited goes first; the callback may hand over a new batch, which then waits in turn.
        const next = pending.shift();
        if (next !== undefined) {
          pendingSpans -= next.spans.length;
          run(next);
        }
        resultCallback(result);
      });
    });
  }

  exporter.export = (spans, resultCallback) => {
    if (!open) return run({ spans, resultCallback });
    if (pendingSpans + spans.length > maxPendingSpans) {
      resultCallback({
        code: core().ExportResultCode.FAILED,
        error: new Error(`span export queue full (${maxPendingSpans} spans wait for the open export)`),
      });
      return;
    }
    pending.push({ spans, resultCallback });
    pendingSpans += spans.length;
  };
}
