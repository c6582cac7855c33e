import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, jsonLines, startApp } from '../../support/childApp.js';
import { type OtlpReceiver, startOtlpReceiver } from '../../support/otlpReceiver.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let app: ChildApp | undefined;
let receiver: OtlpReceiver | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await receiver?.close();
  receiver = undefined;
});

describe('the parts on a winston logger of your own', () => {
  it('formats the lines, exports them over OTLP and counts them by level', async () => {
    receiver = await startOtlpReceiver();
    const metricsPort = await freePort();
    app = await startApp(APP, {
      nodeArgs: ['--require', '@signalkit/node/register'],
      env: { RECEIVER: `${receiver.url}/v1/logs`, OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort) },
    });
    for (const level of ['error', 'warn', 'warn', 'info', 'debug'])
      await (await fetch(`${app.url}/log?level=${level}`)).text();
    await (await fetch(`${app.url}/flush`)).text();

    const lines = jsonLines(app.stdout());
    expect(lines.map((l) => l.level)).toEqual(['error', 'warn', 'warn', 'info']);
    expect(lines[0]).toMatchObject({ 'service.name': 'legacy-app', apiKey: '[REDACTED]', n: 1 });

    const records = await receiver.waitForRecords(4);
    expect(records.map((r) => [r.severityText, r.severityNumber])).toEqual([
      ['error', 17],
      ['warn', 13],
      ['warn', 13],
      ['info', 9],
    ]);
    expect(records[0]?.attributes).toEqual({ apiKey: '[REDACTED]', n: 1 });
    expect(records[0]?.resource['service.name']).toBe('legacy-app');

    const samples = parsePrometheus(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    expect(sampleValue(samples, 'log_records_total', { log_level: 'warn' })).toBe(2);
    expect(sampleValue(samples, 'log_records_total', { log_level: 'debug' })).toBe(0);
    expect(app.stderr()).toBe(`listening ${app.port}\n`);
  });
});
