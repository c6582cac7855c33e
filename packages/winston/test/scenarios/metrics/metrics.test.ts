import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, jsonLines, startApp } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'app.mjs');
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const WRITES: [string, number][] = [
  ['error', 3],
  ['warn', 5],
  ['info', 7],
  ['debug', 2],
  ['silly', 4], // below the logger's level (debug): neither written nor counted
];

async function scrape(metricsPort: number) {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(res.status).toBe(200);
  return parsePrometheus(await res.text());
}

function linesPerLevel(stdout: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of jsonLines(stdout))
    counts.set(String(line.level), (counts.get(String(line.level)) ?? 0) + 1);
  return counts;
}

const orders: [string, { nodeArgs?: string[]; env?: Record<string, string> }][] = [
  ['MeterProvider set first (preload)', { nodeArgs: ['--require', '@signalkit/node/register'] }],
  ['MeterProvider set after the logger wrote (initObservability later)', { env: { LATE_INIT: '1' } }],
];

describe.each(orders)('log_records_total on the @signalkit/node /metrics endpoint (%s)', (_name, options) => {
  it('equals the lines written per level', async () => {
    const metricsPort = await freePort();
    app = await startApp(APP, {
      ...options,
      env: { ...options.env, OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort) },
    });
    for (const [level, n] of WRITES) {
      const res = await fetch(`${app.url}/log?level=${level}&n=${n}`);
      await res.text();
    }
    const expected = linesPerLevel(app.stdout());
    expect(expected.get('silly')).toBeUndefined();
    expect(expected.get('warn')).toBe(options.env?.LATE_INIT === '1' ? 6 : 5);

    const samples = await scrape(metricsPort);
    for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'])
      expect(sampleValue(samples, 'log_records_total', { log_level: level }), level).toBe(
        expected.get(level) ?? 0,
      );
    const series = samples.filter((s) => s.name === 'log_records_total');
    expect(series.reduce((sum, s) => sum + s.value, 0)).toBe(jsonLines(app.stdout()).length);
  });
});
