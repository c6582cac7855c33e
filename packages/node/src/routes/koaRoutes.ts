import type { IncomingMessage } from 'node:http';
import { ROUTE, setRequestError } from '../http/route.js';
import type { ModulePatch } from './moduleHook.js';

const MATCHED = Symbol('signalkit.koa.matchedRoute');
const PATCHED = Symbol.for('signalkit.koa.patched');

interface MatchedLayer {
  path?: unknown;
  methods?: { length: number };
}

type KoaContext = {
  [MATCHED]?: unknown;
  req?: IncomingMessage & { [ROUTE]?: string };
  matched?: unknown;
};

/**
 * Whether `value` is the path of a matched route layer (one with methods). @koa/router also writes
 * `_matchedRoute` for every router-level middleware layer it runs (`router.use(fn)`), whose path is a
 * pattern such as `/api(?:\/|$)`: when such a middleware answers itself (a 401 from an auth check), the
 * last write is that pattern, not the route. The router writes the matched route first, and stores the
 * matched layers in `ctx.matched` before, so later writes are kept only when they name a route layer.
 * A loop over a handful of layers, no allocation. Without `ctx.matched` (another router), every write counts.
 */
function isRouteLayerPath(matched: unknown, value: string): boolean {
  if (!Array.isArray(matched)) return true;
  for (let i = 0; i < matched.length; i++) {
    const layer = matched[i] as MatchedLayer | undefined;
    if (layer?.path === value && (layer.methods?.length ?? 0) > 0) return true;
  }
  return false;
}

/**
 * Route templates for Koa with `@koa/router`: the router writes the matched layer's path (prefix
 * included) to `ctx._matchedRoute`; an accessor on Koa's context prototype copies it onto the request.
 * Nothing runs per request unless a route matched.
 */
export const koaRoutes: ModulePatch = {
  name: 'koa',
  requestId: './context',
  parentSuffix: '/koa/lib/application.js',
  fileSuffix: '/koa/lib/context.js',
  patch(exports) {
    const context = exports as Record<PropertyKey, unknown>;
    if (context[PATCHED] === true || Object.getOwnPropertyDescriptor(context, '_matchedRoute') !== undefined)
      return;
    context[PATCHED] = true;
    // Koa routes every failure through ctx.onerror: keep the error for the server span.
    const onerror = context.onerror;
    if (typeof onerror === 'function') {
      context.onerror = function signalkitOnerror(this: { req?: IncomingMessage }, err: unknown) {
        if (this.req !== undefined) setRequestError(this.req, err);
        return onerror.call(this, err);
      };
    }
    Object.defineProperty(context, '_matchedRoute', {
      configurable: true,
      enumerable: false,
      get(this: KoaContext) {
        return this[MATCHED];
      },
      set(this: KoaContext, value: unknown) {
        this[MATCHED] = value;
        const req = this.req;
        if (typeof value !== 'string' || req === undefined || req[ROUTE] === value) return;
        if (isRouteLayerPath(this.matched, value)) req[ROUTE] = value;
      },
    });
  },
};
