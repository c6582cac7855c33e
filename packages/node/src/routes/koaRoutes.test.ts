import type { IncomingMessage } from 'node:http';
import Module from 'node:module';
import { describe, expect, it } from 'vitest';
import { getRoute } from '../http/route.js';
import { koaRoutes } from './koaRoutes.js';

// Koa ships no types (and @types/koa is not a dependency): the few parts used here, typed locally.
interface Ctx {
  path: string;
  status: number;
  body: unknown;
}
type Middleware = (ctx: Ctx, next: () => Promise<void>) => unknown;
interface KoaApp {
  middleware: Middleware[];
  use(mw: Middleware): KoaApp;
  createContext(req: unknown, res: unknown): Ctx;
}
interface KoaRouter {
  use(mw: Middleware): KoaRouter;
  get(path: string, mw: Middleware): KoaRouter;
  routes(): Middleware;
}

const require = Module.createRequire(import.meta.url);
const Koa = require('koa') as new () => KoaApp;
const Router = require('@koa/router') as new (options?: { prefix?: string }) => KoaRouter;

/** Runs one request through a Koa app's middleware (no socket) and returns the route left on `req`. */
async function routeOf(app: KoaApp, method: string, url: string): Promise<[number, string | undefined]> {
  const req = { method, url, headers: {}, socket: {} } as unknown as IncomingMessage;
  const res = { statusCode: 404, setHeader() {}, getHeader() {}, removeHeader() {}, end() {} };
  const ctx = app.createContext(req, res);
  const run = app.middleware.reduceRight<() => Promise<void>>(
    (next, mw) => async () => {
      await mw(ctx, next);
    },
    async () => {},
  );
  await run();
  return [ctx.status, getRoute(req)];
}

describe('koaRoutes', () => {
  koaRoutes.patch(require('koa/lib/context.js'));

  const app = new Koa();
  const api = new Router({ prefix: '/api' });
  // Router-level middleware: @koa/router writes its layer's pattern to ctx._matchedRoute too.
  api.use(async (ctx, next) => {
    if (ctx.path.startsWith('/api/admin')) {
      ctx.status = 401;
      return;
    }
    await next();
  });
  api.get('/admin/stats', (ctx) => {
    ctx.body = 'stats';
  });
  api.get('/users/:id', (ctx) => {
    ctx.body = 'user';
  });
  app.use(api.routes());

  it('copies the matched route template, prefix included', async () => {
    expect(await routeOf(app, 'GET', '/api/users/3')).toEqual([200, '/api/users/:id']);
  });

  it('keeps the route, not the middleware pattern, when router middleware answers itself', async () => {
    expect(await routeOf(app, 'GET', '/api/admin/stats')).toEqual([401, '/api/admin/stats']);
  });

  it('leaves a request no route matched without a route', async () => {
    expect(await routeOf(app, 'GET', '/api/nothing')).toEqual([404, undefined]);
  });
});
