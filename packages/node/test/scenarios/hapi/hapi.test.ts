import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { type Case, send } from '../../support/httpLoad.js';
import { OtlpReceiver } from '../../support/otlpReceiver.js';
import { describeRouteScenario } from '../../support/routeScenario.js';

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

/** The request mix; every route of buildApp.cjs, with its template in hapi's syntax. */
const MIX: Case[] = [
  { method: 'GET', paths: range(5, (i) => `/users/${i}`), status: 200, route: '/users/{id}' },
  { method: 'HEAD', paths: ['/users/3'], status: 200, route: '/users/{id}' },
  {
    method: 'GET',
    paths: ['/users/7/orders/9', '/users/8/orders/10'],
    status: 200,
    route: '/users/{id}/orders/{orderId}',
  },
  { method: 'GET', paths: ['/api/items/i1', '/api/items/i2'], status: 200, route: '/api/items/{id}' },
  { method: 'POST', paths: ['/api/items'], status: 201, route: '/api/items' },
  {
    method: 'GET',
    paths: ['/api/users/1/posts', '/api/users/2/posts'],
    status: 200,
    route: '/api/users/{userId}/posts',
  },
  {
    method: 'GET',
    paths: range(12, (i) => `/api/users/u${i}/posts/p${i}`),
    status: 200,
    route: '/api/users/{userId}/posts/{postId}',
  },
  { method: 'GET', paths: ['/api/admin/stats'], status: 401, route: '/api/admin/stats' },
  { method: 'GET', paths: ['/api/fail/503', '/api/fail/503'], status: 503, route: '/api/fail/{code}' },
  { method: 'GET', paths: ['/boom', '/boom'], status: 500, route: '/boom' },
  { method: 'GET', paths: ['/slow?ms=300'], status: 200, route: '/slow' },
  // A route added while the server runs: no route before, its template after.
  { method: 'GET', paths: ['/late/0'], status: 404, route: undefined },
  { method: 'POST', paths: ['/routes'], status: 201, route: '/routes' },
  { method: 'GET', paths: ['/late/1', '/late/2', '/late/3'], status: 200, route: '/late/{id}' },
  // Hostile input: malformed percent-encoding is hapi's 400 before routing; odd slashes match nothing; a
  // 3,000-character parameter is still the route.
  { method: 'GET', paths: ['/users/%E0%A4%A'], status: 400, route: undefined },
  { method: 'GET', paths: ['/%%%', '//users/1', '/users/1/'], status: 404, route: undefined },
  { method: 'GET', paths: [`/users/${'a'.repeat(3000)}`], status: 200, route: '/users/{id}' },
  // hapi answers a known path with an unrouted method 404 (its notFound route, path /{p*}): no route.
  { method: 'DELETE', paths: ['/users/1'], status: 404, route: undefined },
  {
    method: 'GET',
    paths: ['/nope/x', '/api/nope', '/api/users/1/posts/2/extra', '/api/admin/nope'],
    status: 404,
    route: undefined,
  },
];

describeRouteScenario({
  dir: import.meta.dirname,
  variants: [
    { name: 'hapi 21, CommonJS, --require', file: 'app.cjs', mode: 'require' },
    { name: 'hapi 21, ESM, --import', file: 'app.mjs', mode: 'import', notFound: 1_000 },
    { name: 'hapi 21, CommonJS, initObservability()', file: 'app.cjs', mode: 'init', notFound: 1_000 },
    {
      name: 'hapi 21, CommonJS, loaded before initObservability()',
      file: 'appLoadedFirst.cjs',
      mode: 'none',
      notFound: 1_000,
    },
  ],
  mix: MIX,
  notFoundPrefixes: ['', '/api', '/api/users/1/posts/2', '/api/admin', '/users/1/archive'],
  davRoute: '/dav/{resource}',
  activeMethods: ['DELETE', 'GET', 'HEAD', 'POST', '_OTHER'],
});

const SERVER = 2;
const ERROR = 2;

// With tracing on, require-in-the-middle serves repeated requires of a file from its own cache, and
// import-in-the-middle wraps ESM imports: both start modes are checked.
describe.each([
  { name: 'hapi 21 with traces on, CommonJS, --require', file: 'app.cjs', mode: 'require' as const },
  { name: 'hapi 21 with traces on, ESM, --import', file: 'app.mjs', mode: 'import' as const },
])('$name', ({ file, mode }) => {
  const receiver = new OtlpReceiver();
  let app: ChildApp;

  beforeAll(async () => {
    await receiver.listen();
    app = await startApp(resolve(import.meta.dirname, file), {
      mode,
      env: {
        OTEL_SERVICE_NAME: 'hapi-app',
        OTEL_TRACES_EXPORTER: 'otlp',
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

  const serverSpans = () => receiver.spans.filter((s) => s.service === 'hapi-app' && s.kind === SERVER);

  it('names server spans after the hapi route template, sets http.route, and marks errors', async () => {
    expect((await send(app.url, 'GET', '/api/items/42')).status).toBe(200);
    expect((await send(app.url, 'GET', '/api/users/u1/posts/p2')).status).toBe(200);
    expect((await send(app.url, 'GET', '/api/admin/stats')).status).toBe(401);
    expect((await send(app.url, 'GET', '/boom')).status).toBe(500);
    expect((await send(app.url, 'GET', '/nope')).status).toBe(404);
    await receiver.waitFor(() => serverSpans().length >= 5, 15_000, 'five hapi server spans');

    const spans = serverSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(
      [
        'GET /api/items/{id}',
        'GET /api/users/{userId}/posts/{postId}',
        'GET /api/admin/stats',
        'GET /boom',
        'GET',
      ].sort(),
    );
    const byName = (name: string) => spans.find((s) => s.name === name);
    expect(byName('GET /api/items/{id}')?.attributes['http.route']).toBe('/api/items/{id}');
    expect(byName('GET /api/admin/stats')?.attributes['http.route']).toBe('/api/admin/stats');
    expect(byName('GET')?.attributes['http.route']).toBeUndefined();
    const boom = byName('GET /boom');
    expect(boom?.status.code).toBe(ERROR);
    expect(
      boom?.events.filter((e) => e.name === 'exception').map((e) => e.attributes['exception.message']),
    ).toEqual(['boom']);
    expect(byName('GET /api/items/{id}')?.status.code).not.toBe(ERROR);
  });
});
