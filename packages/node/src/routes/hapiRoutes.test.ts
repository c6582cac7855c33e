import Module from 'node:module';
import Boom from '@hapi/boom';
import Hapi from '@hapi/hapi';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getRequestError, getRoute, setErrorCapture } from '../http/route.js';
import { hapiRoutes } from './hapiRoutes.js';

const require = Module.createRequire(import.meta.url);

describe('hapiRoutes', () => {
  hapiRoutes[0]?.patch(require('@hapi/hapi/lib/request.js'));

  const seen: Array<{ route: string | undefined; error: unknown }> = [];
  const server = Hapi.server();

  beforeAll(async () => {
    // Records what signalkit left on the Node request, as the server integration reads it.
    server.events.on('response', (request) => {
      seen.push({ route: getRoute(request.raw.req), error: getRequestError(request.raw.req) });
    });
    server.auth.scheme('token', () => ({
      authenticate: (request, h) =>
        request.headers.authorization === 'Bearer ok'
          ? h.authenticated({ credentials: { user: 'a' } })
          : h.unauthenticated(Boom.unauthorized('no token')),
    }));
    server.auth.strategy('token', 'token');
    await server.register(
      {
        name: 'api',
        register(api) {
          api.route({ method: 'GET', path: '/items/{id}', handler: () => 'item' });
          api.route({ method: 'GET', path: '/admin', options: { auth: 'token' }, handler: () => 'admin' });
          api.route({
            method: 'GET',
            path: '/fail',
            handler: () => {
              throw new Error('boom');
            },
          });
          api.route({ method: 'GET', path: '/unavailable', handler: () => Boom.serverUnavailable('down') });
          api.route({ method: 'GET', path: '/teapot', handler: () => Boom.badRequest('no') });
        },
      },
      { routes: { prefix: '/api' } },
    );
    server.route({ method: 'GET', path: '/files/{path*}', handler: () => 'file' });
    await server.initialize();
  });

  afterAll(async () => {
    await server.stop();
  });

  afterEach(() => {
    setErrorCapture(false);
  });

  async function inject(url: string, headers: Record<string, string> = {}) {
    seen.length = 0;
    const res = await server.inject({ method: 'GET', url, headers });
    expect(seen).toHaveLength(1);
    return { status: res.statusCode, ...seen[0] };
  }

  it('puts the route path, plugin prefix included, in hapi syntax on the request', async () => {
    expect(await inject('/api/items/7')).toEqual({ status: 200, route: '/api/items/{id}', error: undefined });
  });

  it('keeps the route when the auth scheme answers 401 before the handler', async () => {
    expect(await inject('/api/admin')).toMatchObject({ status: 401, route: '/api/admin' });
    expect(await inject('/api/admin', { authorization: 'Bearer ok' })).toMatchObject({
      status: 200,
      route: '/api/admin',
    });
  });

  it("leaves a 404 (hapi's notFound route, path /{p*}) without a route", async () => {
    expect(await inject('/api/nothing')).toEqual({ status: 404, route: undefined, error: undefined });
  });

  it('keeps the template of an application catch-all route', async () => {
    expect(await inject('/files/a/b.txt')).toMatchObject({ status: 200, route: '/files/{path*}' });
  });

  it('keeps a thrown error and a Boom 5xx for the server span when error capture is on', async () => {
    setErrorCapture(true);
    const thrown = await inject('/api/fail');
    expect(thrown).toMatchObject({ status: 500, route: '/api/fail' });
    expect((thrown.error as Error).message).toBe('boom');
    const unavailable = await inject('/api/unavailable');
    expect(unavailable).toMatchObject({ status: 503, route: '/api/unavailable' });
    expect((unavailable.error as Error).message).toBe('down');
  });

  it('keeps no error for a 4xx Boom, nor when error capture is off', async () => {
    setErrorCapture(true);
    expect(await inject('/api/teapot')).toEqual({ status: 400, route: '/api/teapot', error: undefined });
    setErrorCapture(false);
    expect(await inject('/api/fail')).toEqual({ status: 500, route: '/api/fail', error: undefined });
  });
});
