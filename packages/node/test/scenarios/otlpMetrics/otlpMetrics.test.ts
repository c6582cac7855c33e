import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { OtlpReceiver, type ReceivedHistogramPoint } from '../../support/otlpReceiver.js';

const APP = resolve(import.meta.dirname, '../http/app.cjs');
const DURATION = 'http.server.request.duration';
const CUMULATIVE = 2;
const DELTA = 1;

let app: ChildApp | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await app?.stop();
  await receiver?.close();
  app = undefined;
  receiver = undefined;
});

async function get(path: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await (await fetch(`${app?.url}${path}`)).arrayBuffer();
}

async function start(
  exporters: string,
  temporality: string,
  env: Record<string, string> = {},
): Promise<OtlpReceiver> {
  const r = new OtlpReceiver();
  await r.listen();
  receiver = r;
  app = await startApp(APP, {
    mode: 'require',
    env: {
      OTEL_SERVICE_NAME: 'push',
      OTEL_METRICS_EXPORTER: exporters,
      OTEL_EXPORTER_OTLP_ENDPOINT: r.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
      OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: temporality,
      ...env,
    },
  });
  return r;
}

/** Points of the server duration for a route in one export. */
function routePoints(points: ReceivedHistogramPoint[], route: string): ReceivedHistogramPoint[] {
  return points.filter((p) => p.metric === DURATION && p.attributes['http.route'] === route);
}

/** Waits for an export whose count for `route` satisfies `ok`; returns the index of that export. */
async function exportWhere(
  r: OtlpReceiver,
  route: string,
  ok: (count: number) => boolean,
  from = 0,
): Promise<number> {
  let found = -1;
  await r.waitFor(
    () => {
      found = r.metricExports.findIndex(
        (points, i) => i >= from && ok(routePoints(points, route).reduce((a, p) => a + p.count, 0)),
      );
      return found !== -1;
    },
    15_000,
    `an export for ${route}`,
  );
  return found;
}

describe('OTLP metrics push', () => {
  it('sends http.server.request.duration in seconds with the route attributes and exact cumulative counts', async () => {
    const r = await start('otlp', 'cumulative');
    await get('/users/1', 6);
    await get('/fail', 2);
    const first = await exportWhere(r, '/users/:id', (c) => c === 6);
    const users = routePoints(r.metricExports[first] ?? [], '/users/:id');
    expect(users).toHaveLength(1);
    const point = users[0] as ReceivedHistogramPoint;
    expect(point.unit).toBe('s');
    expect(point.temporality).toBe(CUMULATIVE);
    expect(point.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    });
    expect(point.explicitBounds).toEqual([
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
    ]);
    const fail = routePoints(r.metricExports[first] ?? [], '/fail')[0];
    expect(fail?.count).toBe(2);
    expect(fail?.attributes['error.type']).toBe('500');
    // Second interval: cumulative counts keep growing from the first.
    await get('/users/2', 3);
    await exportWhere(r, '/users/:id', (c) => c === 9, first + 1);
  });

  it('sends per-interval counts with the delta preference', async () => {
    const r = await start('otlp', 'delta');
    await get('/users/1', 4);
    const first = await exportWhere(r, '/users/:id', (c) => c === 4);
    expect(routePoints(r.metricExports[first] ?? [], '/users/:id')[0]?.temporality).toBe(DELTA);
    await get('/users/2', 3);
    const second = await exportWhere(r, '/users/:id', (c) => c > 0, first + 1);
    // The second interval holds only the three new requests.
    expect(routePoints(r.metricExports[second] ?? [], '/users/:id')[0]?.count).toBe(3);
  });

  it('reports the same counts on both paths with prometheus,otlp', async () => {
    const r = await start('prometheus,otlp', 'cumulative');
    await get('/users/1', 5);
    await get('/fail', 3);
    const index = await exportWhere(r, '/users/:id', (c) => c === 5);
    const samples = parsePrometheus(await (app as ChildApp).metrics());
    const promUsers = sampleValue(samples, 'http_server_request_duration_seconds_count', {
      http_route: '/users/:id',
    });
    const promFail = sampleValue(samples, 'http_server_request_duration_seconds_count', {
      http_route: '/fail',
    });
    const pushed = r.metricExports[index] ?? [];
    expect(promUsers).toBe(routePoints(pushed, '/users/:id')[0]?.count);
    expect(promFail).toBe(routePoints(pushed, '/fail')[0]?.count);
  });

  it.each([
    ['answers 401', false],
    ['is down', true],
  ])(
    'keeps serving and counts failed pushes when the endpoint %s, printing no header value',
    async (_what, down) => {
      const canary = 'canary-7f3a9c-secret';
      const r = await start('prometheus,otlp', 'cumulative', {
        OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer%20${canary},X-Api-Key=${canary}`,
        OTEL_LOG_LEVEL: 'debug',
      });
      r.behaviour = { status: 401 };
      if (down) await r.close();
      for (let i = 0; i < 20; i++) expect((await fetch(`${app?.url}/users/${i}`)).status).toBe(200);
      const failed = async () =>
        parsePrometheus(await (app as ChildApp).metrics())
          .filter(
            (s) =>
              s.name === 'otel_sdk_exporter_metric_data_point_exported_total' &&
              s.labels.error_type !== undefined,
          )
          .reduce((sum, s) => sum + s.value, 0);
      const deadline = Date.now() + 15_000;
      while ((await failed()) === 0 && Date.now() < deadline)
        await new Promise((res) => setTimeout(res, 100));
      expect(await failed()).toBeGreaterThan(0);
      if (!down) {
        // The header did reach the endpoint (so the canary was really configured) ...
        expect(r.requests.some((q) => String(q.headers.authorization).includes(canary))).toBe(true);
      }
      // ... and appears nowhere the app writes or serves.
      const metrics = await (app as ChildApp).metrics();
      for (const text of [app?.stdout() ?? '', app?.stderr() ?? '', metrics])
        expect(text).not.toContain(canary);
    },
  );
});
