import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/freePort.js';
import { type OtlpSink, startOtlpSink } from './support/otlpSink.js';
import { doctor } from './support/runDoctor.js';
import { type Service, startInventory } from './support/services.js';

let service: Service | undefined;
let sink: OtlpSink | undefined;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'signalkit-doctor-traces-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  await service?.stop();
  await sink?.close();
  service = undefined;
  sink = undefined;
});

/** Traces on, spans exported quickly to `endpoint`. */
function tracing(endpoint: string): Record<string, string> {
  return {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
  };
}

/** Polls the service's metrics until `text` appears. */
async function metricsShow(metricsUrl: string, text: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await (await fetch(metricsUrl)).text()).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the metrics never showed ${text}`);
}

/** The service's stdout (its JSON log lines) once it holds `lines` request lines, as a file for --log. */
async function logFile(name: string, lines: number): Promise<string> {
  await service?.child.waitFor((out) => out.split('"message":"request"').length > lines, {
    what: `${lines} request log lines`,
  });
  const path = join(scratch, name);
  await writeFile(path, service?.child.stdout() ?? '');
  return path;
}

describe('signalkit doctor: traces and logs', () => {
  it('fails when traces are on and the collector is down, and counts the spans lost', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    service = await startInventory(tracing(closed));
    const before = await doctor([service.metricsUrl]);
    expect(before.check('traces')).toMatchObject({
      status: 'fail',
      detail: ['0 spans exported, none failed', expect.any(String)],
    });

    await service.stop();
    // A queue of 2 spans: a burst of requests overflows it while an export is under way.
    service = await startInventory({ ...tracing(closed), OTEL_BSP_MAX_QUEUE_SIZE: '2' });
    await Promise.all(Array.from({ length: 20 }, () => service?.get('/items/apple')));
    await metricsShow(service.metricsUrl, 'error_type="queue_full"');
    await metricsShow(service.metricsUrl, 'error_type="export_failed"');
    const run = await doctor([service.metricsUrl]);
    expect(run.code).toBe(1);
    expect(run.check('traces')).toMatchObject({
      status: 'fail',
      summary: `traces are on, but the collector at ${closed} cannot be reached from here: connection refused (nothing listens there)`,
    });
    expect(run.check('traces').fix).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(run.check('traces').detail?.[0]).toMatch(
      /^0 spans exported, \d+ failed \(\d+ export_failed\), \d+ dropped because the export queue was full$/,
    );
  });

  it('is fine when the collector accepts the spans, and finds trace ids in the log lines', async () => {
    sink = await startOtlpSink();
    service = await startInventory(tracing(sink.url));
    await service.get('/items/apple', '/items/bread', '/error');
    await metricsShow(service.metricsUrl, 'otel_sdk_exporter_span_exported_total{otel_component_name');
    const run = await doctor([service.metricsUrl, '--log', await logFile('traced.log', 3)]);
    expect(run.code).toBe(0);
    expect(run.check('traces')).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(
        new RegExp(
          `^traces are on; the collector at ${sink.url} accepts connections; \\d+ spans exported, none failed$`,
        ),
      ),
    });
    expect(run.check('logs').status).toBe('ok');
    // 3 request lines and the error line carry ids; nothing else was logged.
    expect(run.check('log-lines').summary).toMatch(/: 4 of 4 JSON log lines carry trace_id and span_id/);
  });

  it('warns when the collector is up now but spans failed to export earlier', async () => {
    const port = await freePort();
    service = await startInventory(tracing(`http://127.0.0.1:${port}`));
    await service.get('/items/apple');
    await metricsShow(service.metricsUrl, 'error_type="export_failed"');
    sink = await startOtlpSink(port);
    const run = await doctor([service.metricsUrl]);
    expect(run.code).toBe(0);
    expect(run.check('traces').status).toBe('warn');
    expect(run.check('traces').summary).toMatch(
      new RegExp(
        `^the collector at http://127.0.0.1:${port} accepts connections, but spans were lost since the service started: 0 spans exported, 1 failed \\(1 export_failed\\)`,
      ),
    );
  });

  it('warns when the log lines carry no trace id (traces off), and when the file holds no JSON', async () => {
    service = await startInventory();
    await service.get('/items/apple');
    const run = await doctor([service.metricsUrl, '--log', await logFile('untraced.log', 1)]);
    expect(run.check('traces').status).toBe('skip');
    expect(run.check('log-lines')).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/: none of 1 JSON log lines carries trace_id and span_id$/),
      fix: expect.stringContaining('Tracing is off'),
    });

    const plain = join(scratch, 'plain.log');
    await writeFile(plain, 'GET /items/apple 200\nGET /items 200\n');
    const text = await doctor([service.metricsUrl, '--log', plain]);
    expect(text.check('log-lines')).toMatchObject({
      status: 'warn',
      summary: `${plain}: none of its 2 lines is a JSON log record`,
    });

    const missing = await doctor([service.metricsUrl, '--log', join(scratch, 'nope.log')]);
    expect(missing.check('log-lines')).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('ENOENT'),
    });
    expect(missing.code).toBe(1);
  });
});
