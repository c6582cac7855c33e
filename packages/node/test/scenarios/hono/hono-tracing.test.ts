import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';
import { send } from '../../support/httpLoad.js';
import { OtlpReceiver, type ReceivedSpan } from '../../support/otlpReceiver.js';

const SERVER = 2;
const ERROR = 2;

/** The requests, in order, and the server span each must give: its name and `http.route`. */
const REQUESTS: { method: string; path: string; status: number; name: string; route?: string }[] = [
  {
    method: 'GET',
    path: '/api/items/i1',
    status: 200,
    name: 'GET /api/items/:itemId',
    route: '/api/items/:itemId',
  },
  {
    method: 'GET',
    path: '/api/users/u1/posts/p1',
    status: 200,
    name: 'GET /api/users/:userId/posts/:postId',
    route: '/api/users/:userId/posts/:postId',
  },
  {
    method: 'GET',
    path: '/v1/api/items/v1',
    status: 200,
    name: 'GET /v1/api/items/:itemId',
    route: '/v1/api/items/:itemId',
  },
  { method: 'HEAD', path: '/users/3', status: 200, name: 'HEAD /users/:id', route: '/users/:id' },
  {
    method: 'GET',
    path: '/api/admin/stats',
    status: 401,
    name: 'GET /api/admin/stats',
    route: '/api/admin/stats',
  },
  { method: 'GET', path: '/boom', status: 500, name: 'GET /boom', route: '/boom' },
  {
    method: 'GET',
    path: '/api/fail/503',
    status: 503,
    name: 'GET /api/fail/:code',
    route: '/api/fail/:code',
  },
  { method: 'PUT', path: '/live-routes', status: 204, name: 'PUT /live-routes', route: '/live-routes' },
  { method: 'GET', path: '/live/added/5', status: 200, name: 'GET /live/added/:n', route: '/live/added/:n' },
  { method: 'GET', path: '/nope/zq', status: 404, name: 'GET' },
  { method: 'GET', path: '/live/nope', status: 404, name: 'GET' },
];

/** The request path a server span was made for (new or old semantic conventions). */
function pathOf(span: ReceivedSpan): string | undefined {
  const value = span.attributes['url.path'] ?? span.attributes['http.target'];
  return typeof value === 'string' ? value.split('?')[0] : undefined;
}

describe.each([
  { variant: 'ESM, --import', file: 'app.mjs', mode: 'import' as StartMode, metrics: true },
  { variant: 'CommonJS, --require', file: 'app.cjs', mode: 'require' as StartMode, metrics: true },
  { variant: 'ESM, --import, traces only', file: 'app.mjs', mode: 'import' as StartMode, metrics: false },
])('Hono 4 server spans ($variant)', ({ file, mode, metrics }) => {
  const receiver = new OtlpReceiver();
  let app: ChildApp;

  beforeAll(async () => {
    await receiver.listen();
    app = await startApp(resolve(import.meta.dirname, file), {
      mode,
      env: {
        OTEL_SERVICE_NAME: 'hono-app',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_METRICS_EXPORTER: metrics ? 'prometheus' : 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await receiver.close();
  });

  it('names each server span after the route Hono matched, and sets http.route (none for a 404)', async () => {
    for (const r of REQUESTS) expect((await send(app.url, r.method, r.path)).status, r.path).toBe(r.status);
    const servers = () => receiver.spans.filter((s) => s.service === 'hono-app' && s.kind === SERVER);
    await receiver.waitFor(() => servers().length >= REQUESTS.length, 15_000, 'a server span per request');
    const spans = servers();
    expect(spans).toHaveLength(REQUESTS.length);
    const seen = spans.map((s) => ({ path: pathOf(s), name: s.name, route: s.attributes['http.route'] }));
    expect(seen.sort((a, b) => String(a.path).localeCompare(String(b.path)))).toEqual(
      REQUESTS.map((r) => ({ path: r.path, name: r.name, route: r.route })).sort((a, b) =>
        a.path.localeCompare(b.path),
      ),
    );
    const boom = spans.find((s) => pathOf(s) === '/boom');
    expect(boom?.status.code).toBe(ERROR);
  });

  // Traces only: there is no /metrics to compare with.
  if (!metrics) return;
  it('counts the same route on /metrics as on the span', async () => {
    const samples = parsePrometheus(await app.metrics());
    const count = (route: string | undefined, status: string, method = 'GET') =>
      sampleValue(samples, 'http_server_request_duration_seconds_count', {
        http_request_method: method,
        http_response_status_code: status,
        ...(route === undefined ? {} : { http_route: route }),
      });
    expect(count('/api/items/:itemId', '200')).toBe(1);
    expect(count('/v1/api/items/:itemId', '200')).toBe(1);
    expect(count('/users/:id', '200', 'HEAD')).toBe(1);
    expect(count('/boom', '500')).toBe(1);
  });
});
