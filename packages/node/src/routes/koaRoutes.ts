import type { IncomingMessage } from 'node:http';
import { ROUTE, setRequestError } from '../http/route.js';
import type { ModulePatch } from './moduleHook.js';

const MATCHED = Symbol('signalkit.koa.matchedRoute');
const PATCHED = Symbol.for('signalkit.koa.patched');

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
      get(this: { [MATCHED]?: unknown }) {
        return this[MATCHED];
      },
      set(this: { [MATCHED]?: unknown; req?: IncomingMessage & { [ROUTE]?: string } }, value: unknown) {
        this[MATCHED] = value;
        if (typeof value === 'string' && this.req !== undefined) this.req[ROUTE] = value;
      },
    });
  },
};
