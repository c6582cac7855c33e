import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { type ChildApp, jsonLines, startApp } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
const REQUESTS = 40;
const LINES_PER_REQUEST = 6;
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function driveConcurrently(target: ChildApp): Promise<Map<string, string>> {
  const traceIds = new Map<string, string>();
  await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const res = await fetch(`${target.url}/work?id=r${i}`);
      expect(res.status).toBe(200);
      await res.text();
      traceIds.set(`r${i}`, res.headers.get('x-trace-id') ?? '');
    }),
  );
  await target.waitFor(
    (out) => out.split('\n').filter((l) => l.includes('"requestId"')).length >= REQUESTS * LINES_PER_REQUEST,
    'every request line',
  );
  return traceIds;
}

const modes: [string, () => Promise<{ env?: Record<string, string>; nodeArgs?: string[] }>][] = [
  ['without @signalkit/node', async () => ({})],
  [
    'with the @signalkit/node preload',
    async () => ({
      nodeArgs: ['--require', '@signalkit/node/register'],
      env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()) },
    }),
  ],
  ['with a slow transport backing winston up', async () => ({ env: { SLOW_TRANSPORT: '1' } })],
  [
    'with real spans from the @signalkit/node tracing preload',
    async () => ({
      nodeArgs: ['--require', '@signalkit/node/register'],
      env: {
        SIGNALKIT_TEST_REAL_TRACER: '1',
        OTEL_TRACES_EXPORTER: 'otlp',
        // Spans go nowhere: this test is about the logs; the exporter's failures are its own business.
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${await freePort()}/v1/traces`,
        OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()),
      },
    }),
  ],
];

describe.each(modes)('trace fields on a real HTTP server (%s)', (_name, options) => {
  it('gives every line its own request’s trace id, across await, timers and promise chains, none crossed', async () => {
    app = await startApp(APP, await options());
    const traceIds = await driveConcurrently(app);
    expect(new Set(traceIds.values()).size).toBe(REQUESTS);
    for (const id of traceIds.values()) expect(id).toMatch(/^[0-9a-f]{32}$/);

    const lines = jsonLines(app.stdout());
    const requestLines = lines.filter((l) => typeof l.requestId === 'string');
    expect(requestLines).toHaveLength(REQUESTS * LINES_PER_REQUEST);
    for (const line of requestLines) {
      expect(line.trace_id, `line ${JSON.stringify(line)}`).toBe(traceIds.get(line.requestId as string));
      expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
      expect(line.trace_flags).toBe('01');
    }
    const outside = lines.find((l) => l.message === 'outside any span');
    expect(outside).toBeDefined();
    expect(outside).not.toHaveProperty('trace_id');
    expect(outside).not.toHaveProperty('span_id');
  });
});
