import type { IncomingMessage } from 'node:http';
import Module from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getRequestError, getRoute, setErrorCapture } from '../http/route.js';
import { isServerError, restifyRoutes } from './restifyRoutes.js';

// restify ships no types (and @types/restify is not a dependency): the few parts used here, typed locally.
type Res = { send(status: number, body?: unknown): void };
type Next = (err?: unknown) => void;
type Handler = (req: IncomingMessage, res: Res, next: Next) => unknown;
interface RestifyServer {
  get(path: string, ...handlers: Handler[]): string;
  use(handler: Handler): RestifyServer;
  on(event: 'after', listener: (req: IncomingMessage) => void): RestifyServer;
  listen(port: number, host: string, done: () => void): void;
  close(done: () => void): void;
  address(): AddressInfo;
}

const require = Module.createRequire(import.meta.url);

describe('restifyRoutes', () => {
  for (const patch of restifyRoutes) patch.patch(require(`restify/lib/${patch.requestId.slice(2)}.js`));
  const restify = require('restify') as { createServer(): RestifyServer };
  // restify answers an Error with a numeric statusCode with that status, as it does restify-errors.
  const httpError = (statusCode: number, message: string) =>
    Object.assign(new Error(message), { statusCode });

  const seen: Array<{ route: string | undefined; error: unknown }> = [];
  const server = restify.createServer();
  let base = '';

  beforeAll(async () => {
    // Records what signalkit left on the request once restify is done with it.
    server.on('after', (req) => {
      seen.push({ route: getRoute(req), error: getRequestError(req) });
    });
    server.use((req, res, next) => {
      if (req.url?.startsWith('/api/admin') && req.headers.authorization !== 'Bearer ok') {
        res.send(401, { error: 'no token' });
        return next(false);
      }
      return next();
    });
    server.get('/api/users/:userId/posts/:postId', (_req, res, next) => {
      res.send(200, 'post');
      next();
    });
    server.get('/api/admin/stats', (_req, res, next) => {
      res.send(200, 'stats');
      next();
    });
    server.get('/fail', async () => {
      throw new Error('boom');
    });
    server.get('/unavailable', (_req, _res, next) => next(httpError(503, 'down')));
    server.get('/bad', (_req, _res, next) => next(httpError(400, 'no')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(resolve));
  });

  afterEach(() => {
    setErrorCapture(false);
  });

  async function get(path: string, method = 'GET') {
    seen.length = 0;
    const res = await fetch(`${base}${path}`, { method });
    await res.arrayBuffer();
    // 'after' comes once restify has finished the request, possibly after the client got its response.
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(1);
    return { status: res.status, ...seen[0] };
  }

  it('puts the registered path on the request', async () => {
    expect(await get('/api/users/u1/posts/p2')).toEqual({
      status: 200,
      route: '/api/users/:userId/posts/:postId',
      error: undefined,
    });
  });

  it('keeps the route when a use() step answers 401 before the handler', async () => {
    expect(await get('/api/admin/stats')).toMatchObject({ status: 401, route: '/api/admin/stats' });
  });

  it('leaves a 404 and a 405 without a route', async () => {
    expect(await get('/api/nothing')).toEqual({ status: 404, route: undefined, error: undefined });
    expect(await get('/api/users/1/posts/2', 'DELETE')).toEqual({
      status: 405,
      route: undefined,
      error: undefined,
    });
  });

  it('finds a route added after listen()', async () => {
    expect(await get('/late/1')).toMatchObject({ status: 404, route: undefined });
    server.get('/late/:id', (_req, res, next) => {
      res.send(200, 'late');
      next();
    });
    expect(await get('/late/1')).toMatchObject({ status: 200, route: '/late/:id' });
  });

  it('keeps a thrown error and a 5xx error for the server span when error capture is on', async () => {
    setErrorCapture(true);
    const thrown = await get('/fail');
    expect(thrown).toMatchObject({ status: 500, route: '/fail' });
    expect((thrown.error as Error).message).toBe('boom');
    const unavailable = await get('/unavailable');
    expect(unavailable).toMatchObject({ status: 503, route: '/unavailable' });
    expect((unavailable.error as Error).message).toBe('down');
  });

  it('keeps no error for a 4xx error, a 404, nor when error capture is off', async () => {
    setErrorCapture(true);
    expect(await get('/bad')).toEqual({ status: 400, route: '/bad', error: undefined });
    expect(await get('/nothing')).toEqual({ status: 404, route: undefined, error: undefined });
    setErrorCapture(false);
    expect(await get('/fail')).toEqual({ status: 500, route: '/fail', error: undefined });
  });
});

describe('isServerError', () => {
  it('is true for errors restify answers with a 5xx, false for 4xx errors', () => {
    expect(isServerError(new Error('x'))).toBe(true);
    expect(isServerError(Object.assign(new Error('x'), { statusCode: 502 }))).toBe(true);
    expect(isServerError('thrown string')).toBe(true);
    expect(isServerError(Object.assign(new Error('x'), { statusCode: 404 }))).toBe(false);
    // restify sends a non-Error with a statusCode as a 500.
    expect(isServerError({ statusCode: 404 })).toBe(true);
  });
});
