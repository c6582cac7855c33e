import { metrics, SeverityNumber } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeMeterProvider } from '../../test/support/fakeMeterProvider.mjs';
import { resolveLoggerConfig } from '../config/resolveConfig.js';
import { createLogPipeline } from './createLogPipeline.js';
import { ReportingExporter } from './ReportingExporter.js';

/** An exporter that holds every export until released. */
class HeldExporter implements LogRecordExporter {
  readonly received: ReadableLogRecord[] = [];
  private readonly pending: (() => void)[] = [];
  private released = false;

  export(logs: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.received.push(...logs);
    const finish = () => done({ code: ExportResultCode.SUCCESS });
    if (this.released) finish();
    else this.pending.push(finish);
  }
  release(): void {
    this.released = true;
    for (const finish of this.pending.splice(0)) finish();
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function config(otlp: Record<string, number>) {
  return resolveLoggerConfig({ env: {}, otlp: { endpoint: 'http://127.0.0.1:9/v1/logs', ...otlp } }).config;
}

afterEach(() => {
  metrics.disable();
  vi.restoreAllMocks();
});

describe('createLogPipeline', () => {
  it('drops records when the queue is full and counts them; none is lost silently', async () => {
    const provider = new FakeMeterProvider();
    metrics.setGlobalMeterProvider(provider);
    const exporter = new HeldExporter();
    const c = config({ maxQueueSize: 10, maxExportBatchSize: 5, scheduledDelayMillis: 60_000 });
    const pipeline = createLogPipeline(c.otlp!, c.record, exporter);
    for (let i = 0; i < 50; i++)
      pipeline.logger.emit({ body: `r${i}`, severityNumber: SeverityNumber.INFO, severityText: 'info' });
    const dropped = provider.value('otel.sdk.processor.log.processed', { 'error.type': 'queue_full' });
    expect(dropped).toBeGreaterThan(0);
    exporter.release();
    await pipeline.shutdown(5000);
    expect(exporter.received.length + dropped).toBe(50);
    expect(exporter.received.length).toBeGreaterThanOrEqual(10);
  });

  it('never holds shutdown longer than its timeout when the export hangs', async () => {
    const exporter = new HeldExporter();
    const c = config({ maxQueueSize: 10, maxExportBatchSize: 5 });
    const pipeline = createLogPipeline(c.otlp!, c.record, exporter);
    pipeline.logger.emit({ body: 'stuck' });
    let settled = false;
    const done = pipeline.shutdown(50).then(() => {
      settled = true;
    });
    await done;
    expect(settled).toBe(true);
    exporter.release();
  });
});

describe('ReportingExporter', () => {
  it('reports a failed export once on stderr, with the origin only, and settles the batch', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const failing: LogRecordExporter = {
      export: (_logs, done) =>
        done({
          code: ExportResultCode.FAILED,
          error: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:4318 CANARY'), {
            code: 'ECONNREFUSED',
          }),
        }),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const reporting = new ReportingExporter(failing, 'https://collector.example:4318', {
      success: ExportResultCode.SUCCESS,
      failed: ExportResultCode.FAILED,
    });
    const results: ExportResult[] = [];
    reporting.export([{} as ReadableLogRecord, {} as ReadableLogRecord], (r) => results.push(r));
    reporting.export([{} as ReadableLogRecord], (r) => results.push(r));
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS]);
    const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('signalkit'));
    expect(lines).toEqual([
      'signalkit warn: OTLP log export to https://collector.example:4318 failed: Error (ECONNREFUSED); 2 log records dropped (the app keeps running; further failures within a minute are not printed)\n',
    ]);
  });

  it('survives an exporter that throws', () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const throwing: LogRecordExporter = {
      export: () => {
        throw new Error('boom');
      },
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const reporting = new ReportingExporter(throwing, 'x', {
      success: ExportResultCode.SUCCESS,
      failed: ExportResultCode.FAILED,
    });
    const results: ExportResult[] = [];
    expect(() => reporting.export([], (r) => results.push(r))).not.toThrow();
    expect(results).toHaveLength(1);
  });
});
