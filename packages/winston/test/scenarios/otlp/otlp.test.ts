import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, jsonLines, runScript, startApp } from '../../support/childApp.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../support/otlpReceiver.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
const SERVER = resolve(import.meta.dirname, '../correlation/app.cjs');
const SHORT = resolve(import.meta.dirname, 'short.mjs');
const CANARY = 'CANARY-metadata-51d2';
const HEADER_CANARY = 'CANARY-header-9e0b';

let receiver: OtlpReceiver | undefined;
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await receiver?.close();
  receiver = undefined;
});

const encodings = [
  { name: 'http/protobuf', env: {}, contentType: 'application/x-protobuf', gzip: false },
  {
    name: 'http/json',
    env: { OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/json' },
    contentType: 'application/json',
    gzip: false,
  },
  {
    name: 'http/protobuf, gzip',
    env: { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' },
    contentType: 'application/x-protobuf',
    gzip: true,
  },
];

describe.each(encodings)('OTLP log export ($name) to a real receiver', ({ env, contentType, gzip }) => {
  async function run() {
    receiver = await startOtlpReceiver();
    const result = await runScript(APP, {
      env: {
        CANARY,
        OTEL_SERVICE_NAME: 'billing',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=test',
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${HEADER_CANARY},x-tenant=acme`,
        ...env,
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    return { result, records: receiver.records(), requests: receiver.requests };
  }

  it('sends every record once to /v1/logs with the content type and the configured headers', async () => {
    const { result, records, requests } = await run();
    expect(records).toHaveLength(jsonLines(result.stdout).length);
    expect(records).toHaveLength(10);
    for (const request of requests) {
      expect(request.path).toBe('/v1/logs');
      expect(request.contentType).toBe(contentType);
      expect(request.headers.authorization).toBe(`Bearer ${HEADER_CANARY}`);
      expect(request.headers['x-tenant']).toBe('acme');
      expect(request.headers['content-encoding']).toBe(gzip ? 'gzip' : undefined);
      expect(request.raw.length).toBeGreaterThan(0);
    }
  });

  it('maps levels to severity numbers and text, message to body, and keeps the record time', async () => {
    const { result, records } = await run();
    const severities = records.slice(0, 7).map((r) => [r.severityText, r.severityNumber, r.body]);
    expect(severities).toEqual([
      ['error', 17, 'at error'],
      ['warn', 13, 'at warn'],
      ['info', 9, 'at info'],
      ['http', 7, 'at http'],
      ['verbose', 6, 'at verbose'],
      ['debug', 5, 'at debug'],
      ['silly', 1, 'at silly'],
    ]);
    const lines = jsonLines(result.stdout);
    records.forEach((record, i) => {
      expect(Number(record.timeUnixNano / 1_000_000n)).toBe(Date.parse(String(lines[i]?.timestamp)));
    });
    expect(records[0]?.resource).toMatchObject({
      'service.name': 'billing',
      'deployment.environment.name': 'test',
      'telemetry.sdk.language': 'nodejs',
    });
    expect(records[0]?.scope).toBe('@signalkit/winston');
  });

  it('sends metadata as typed attributes, redacted, and errors as exception attributes with the cause', async () => {
    const { records, requests } = await run();
    expect(records[7]?.attributes).toEqual({
      orderId: 42,
      ratio: 0.5,
      ok: true,
      tags: ['a', 'b'],
      nested: { deep: { x: 1 } },
      password: '[REDACTED]',
      auth: { token: '[REDACTED]' },
    });
    expect(records[8]?.attributes).toMatchObject({
      'exception.type': 'Error',
      'exception.message': 'boom',
      cause: { 'exception.type': 'TypeError', 'exception.message': 'inner' },
    });
    expect(String(records[8]?.attributes['exception.stacktrace'])).toMatch(/^Error: boom\n\s+at /);
    for (const request of requests) expect(request.body.toString('latin1')).not.toContain(CANARY);
  });

  it('attaches the trace context of the span the record was written in, the same as the stdout line', async () => {
    const { result, records } = await run();
    const line = jsonLines(result.stdout).find((l) => l.message === 'inside span');
    const record = records.find((r) => r.body === 'inside span');
    expect(line?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(record?.traceId).toBe(line?.trace_id);
    expect(record?.spanId).toBe(line?.span_id);
    expect(record?.flags).toBe(1);
    for (const other of records.filter((r) => r !== record)) expect(other.traceId).toBe('');
  });

  it('never prints header values or secrets', async () => {
    const { result } = await run();
    expect(result.stdout + result.stderr).not.toContain(HEADER_CANARY);
    expect(result.stdout + result.stderr).not.toContain(CANARY);
  });
});

describe('a short ESM script with OTLP export on', () => {
  it('exits by itself, without a flush, even when the receiver is unreachable', async () => {
    const run = await runScript(SHORT, {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}` },
    });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((l) => l.message)).toEqual(['short script']);
    expect(run.stderr).toBe('');
  });

  it('delivers its records through shutdownLogger()', async () => {
    receiver = await startOtlpReceiver();
    const run = await runScript(SHORT, { env: { FLUSH: '1', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } });
    expect(run.code).toBe(0);
    expect(receiver.records().map((r) => r.body)).toEqual(['short script']);
  });
});

describe('OTLP log export failures', () => {
  it('keeps the app serving when the receiver is unreachable: one diagnostic line, no secret, nothing unhandled', async () => {
    const closedPort = await freePort();
    const metricsPort = await freePort();
    app = await startApp(SERVER, {
      nodeArgs: ['--require', '@signalkit/node/register'],
      env: {
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `http://user:${CANARY}@127.0.0.1:${closedPort}/v1/logs?key=${CANARY}`,
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=${HEADER_CANARY}`,
        OTEL_EXPORTER_OTLP_TIMEOUT: '300',
        OTEL_BLRP_SCHEDULE_DELAY: '20',
      },
    });
    // Records whose export finished in failure, whatever the error type.
    const failedExports = async () =>
      parsePrometheus(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text())
        .filter((s) => s.name === 'otel_sdk_exporter_log_exported_total' && s.labels.error_type !== undefined)
        .reduce((sum, s) => sum + s.value, 0);
    let written = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${app.url}/work?id=r${round}-${i}`);
        expect(res.status).toBe(200);
        await res.text();
      }
      written = jsonLines(app.stdout()).length;
      // Every record written so far has been tried and counted as failed before the next round.
      for (let tries = 0; (await failedExports()) < written; tries++) {
        expect(tries).toBeLessThan(600);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(written).toBe(1 + 3 * 5 * 6);
    expect(await failedExports()).toBe(written);
    const diagnostics = app
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('signalkit'));
    expect(diagnostics).toEqual([
      expect.stringMatching(
        new RegExp(
          `^signalkit warn: OTLP log export to http://127\\.0\\.0\\.1:${closedPort} failed: Error \\(ECONNREFUSED\\); \\d+ log records dropped`,
        ),
      ),
    ]);
    expect(app.stderr()).not.toContain('UNHANDLED');
    expect(app.stderr() + app.stdout()).not.toContain(CANARY);
    expect(app.stderr() + app.stdout()).not.toContain(HEADER_CANARY);
    expect(app.child.exitCode).toBeNull();
  });

  it('drops records past the queue bound and counts them; every other record arrives', async () => {
    receiver = await startOtlpReceiver({ hold: true });
    const metricsPort = await freePort();
    app = await startApp(SERVER, {
      nodeArgs: ['--require', '@signalkit/node/register'],
      env: {
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_TIMEOUT: '120000',
        OTEL_BLRP_EXPORT_TIMEOUT: '240000',
        OTEL_BLRP_MAX_QUEUE_SIZE: '10',
        OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '5',
        OTEL_BLRP_SCHEDULE_DELAY: '10',
      },
    });
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await fetch(`${app?.url}/work?id=r${i}`)).text()),
    );
    const written = jsonLines(app.stdout()).length;
    expect(written).toBe(1 + 20 * 6);
    const metrics = parsePrometheus(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    const dropped = sampleValue(metrics, 'otel_sdk_processor_log_processed_total', {
      error_type: 'queue_full',
    });
    expect(dropped).toBeGreaterThan(0);
    receiver.release();
    const received = await receiver.waitForRecords(written - dropped);
    expect(received).toHaveLength(written - dropped);
  });
});
