import type { IncomingMessage } from 'node:http';
import { isErrorCaptureEnabled, ROUTE, setRequestError } from '../http/route.js';
import type { ModulePatch } from './moduleHook.js';

const PATCHED = Symbol.for('signalkit.restify.patched');

type RestifyRequest = IncomingMessage & { route?: { path?: unknown }; [ROUTE]?: string };

interface Patchable {
  prototype?: Record<PropertyKey, unknown> & { [PATCHED]?: boolean };
}

/**
 * Whether an error that ends a restify request is a server error: restify answers an error with a numeric
 * `statusCode` (restify-errors, or any error carrying one) with that status, and anything else with a
 * 500. A 404, 405 or an auth 401 passed to `next()` is not one.
 */
export function isServerError(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null | undefined)?.statusCode;
  return !(error instanceof Error && typeof status === 'number' && status < 500);
}

/**
 * `Router#lookup(req, res)` (documented public in restify) finds the route of every request and sets
 * `req.route` (the registered route, whose `path` is the template, `/api/items/:id`); wrapped to copy
 * the path onto the request. It runs after the `pre` chain and before the `use` chain and the route's
 * handlers, so a 401 from a `use()` auth step keeps its route; a 404 or 405 finds no route and has none.
 * Routes mounted at any time, after `listen()` too, are found the same way.
 */
function patchRouter(exports: unknown): void {
  const proto = (exports as Patchable).prototype;
  if (proto === undefined || proto[PATCHED] === true) return;
  const lookup = proto.lookup;
  if (typeof lookup !== 'function') return;
  proto[PATCHED] = true;
  proto.lookup = function lookupRoute(this: unknown, req: RestifyRequest, res: unknown) {
    const handler = lookup.call(this, req, res);
    if (handler !== undefined) {
      const path = req.route?.path;
      if (typeof path === 'string') req[ROUTE] = path;
    }
    return handler;
  };
}

/**
 * `Server#_onHandlerError` is where every error a request ends with goes (passed to `next(err)`, thrown
 * in an async handler, uncaught with `handleUncaughtExceptions`), before the error response is sent.
 * With tracing on, a server error is kept there for the span; otherwise the wrapper only calls through.
 */
function patchServer(exports: unknown): void {
  const proto = (exports as Patchable).prototype;
  if (proto === undefined || proto[PATCHED] === true) return;
  const onHandlerError = proto._onHandlerError;
  if (typeof onHandlerError !== 'function') return;
  proto[PATCHED] = true;
  proto._onHandlerError = function _onHandlerError(
    this: unknown,
    err: unknown,
    req: RestifyRequest,
    res: unknown,
    isUncaught: unknown,
  ) {
    if (isErrorCaptureEnabled() && isServerError(err) && typeof req === 'object' && req !== null)
      setRequestError(req, err);
    return onHandlerError.call(this, err, req, res, isUncaught);
  };
}

/**
 * Route templates for restify 12 (the template as registered: `/users/:id`). The public hook, the
 * server's `routed` event, would need each server, which only a patch of `createServer` could reach
 * (restify's entry file is required by the app, not by a relative require the module hook sees); the
 * router's own lookup is the same cost, one call per request, and covers every server and custom router
 * built on restify's Router. Both files are required once, by restify's `lib/index.js`.
 */
export const restifyRoutes: readonly ModulePatch[] = [
  {
    name: 'restify-router',
    requestId: './router',
    parentSuffix: '/restify/lib/index.js',
    fileSuffix: '/restify/lib/router.js',
    patch: patchRouter,
  },
  {
    name: 'restify-server',
    requestId: './server',
    parentSuffix: '/restify/lib/index.js',
    fileSuffix: '/restify/lib/server.js',
    patch: patchServer,
  },
];
