import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLines, runScript } from '../../support/childApp.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../support/otlpReceiver.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let receiver: OtlpReceiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('with @opentelemetry/instrumentation-winston active', () => {
  it('exports each record once: the upstream transport is taken off when signalkit exports', async () => {
    receiver = await startOtlpReceiver();
    const run = await runScript(APP, {
      env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_LOG_LEVEL: 'info' },
    });
    expect(run.code).toBe(0);
    expect(receiver.records()).toHaveLength(5);
    expect(run.stderr).toContain('upstream transport records: 0');
    expect(run.stderr.match(/signalkit info: removed the OpenTelemetryTransportV3/g)).toHaveLength(1);
  });

  it('writes the trace fields once per line, equal to those of the OTLP record', async () => {
    receiver = await startOtlpReceiver();
    const run = await runScript(APP, {
      env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
    });
    const raw = run.stdout.split('\n').filter((l) => l !== '');
    expect(raw).toHaveLength(5);
    for (const line of raw) expect(line.match(/"trace_id"/g)).toHaveLength(1);
    const lines = jsonLines(run.stdout);
    expect(receiver.records().map((r) => r.traceId)).toEqual(lines.map((l) => l.trace_id));
    expect(new Set(lines.map((l) => l.trace_id)).size).toBe(5);
  });

  it('leaves the upstream transport alone when signalkit does not export', async () => {
    const run = await runScript(APP, { env: {} });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(5);
    expect(run.stderr).toContain('upstream transport records: 5');
  });
});
