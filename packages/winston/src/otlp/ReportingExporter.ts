import type { ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { describeError } from '@signalkit/node/internal';
import { diagnostics } from '../diagnostics/diagnostics.js';

/**
 * Wraps the OTLP exporter so that a failed export (receiver down, refused, timed out) is reported exactly
 * once: one rate-limited `signalkit warn` line naming the receiver's origin (never its path, query,
 * credentials or headers) and the error's name and code, never its message body. The exporter's own
 * self-metric (`otel.sdk.exporter.log.exported` with `error.type`) counts the lost records.
 *
 * The batch processor is then told the export settled: handed a failure, it would only print it a second
 * time through the global error handler (and so through @signalkit/node's diagnostics, when installed).
 */
export class ReportingExporter implements LogRecordExporter {
  constructor(
    private readonly inner: LogRecordExporter,
    private readonly target: string,
    private readonly codes: { readonly success: ExportResultCode; readonly failed: ExportResultCode },
  ) {}

  export(logs: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    let settled = false;
    const done = (result: ExportResult) => {
      if (settled) return;
      settled = true;
      if (result.code !== this.codes.success) {
        diagnostics.warn(
          'otlp-export',
          `OTLP log export to ${this.target} failed: ${describeError(result.error)}; ${logs.length} log records dropped (the app keeps running; further failures within a minute are not printed)`,
        );
      }
      resultCallback({ code: this.codes.success });
    };
    try {
      this.inner.export(logs, done);
    } catch (error) {
      done({ code: this.codes.failed, error: error instanceof Error ? error : new Error('export threw') });
    }
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** What a diagnostic may say about a receiver: its origin (scheme, host, port) only. */
export function describeTarget(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the OTLP receiver';
  }
}
