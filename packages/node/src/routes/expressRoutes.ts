import { isErrorCaptureEnabled, ROUTE, setRequestError } from '../http/route.js';
import type { ModulePatch } from './moduleHook.js';

/** The mount-path template accumulated on a request while it runs through nested routers. */
const PREFIX = Symbol('signalkit.express.prefix');
const PATCHED = Symbol.for('signalkit.express.patched');

interface Req {
  [PREFIX]?: string | undefined;
  [ROUTE]?: string;
}
type Next = (err?: unknown) => unknown;
type Handler = (...args: unknown[]) => unknown;
interface Layer {
  handle: Handler;
}
interface RouterLike {
  stack: Layer[];
  use: (...args: unknown[]) => unknown;
}
interface RouteCtor {
  prototype: { dispatch: (req: Req, res: unknown, done: Next) => unknown; path: unknown };
}

/** A path argument of `use()`/`route()` as a template string: arrays and regexps as Express prints them. */
function templateOf(path: unknown): string | undefined {
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return String(path);
  if (Array.isArray(path) && path.length > 0) return path.map(templateOf).join(',');
  return undefined;
}

/** The path argument of `router.use(...)`, following Express's own flattening rules. */
function mountPath(args: unknown[]): string | undefined {
  let first: unknown = args[0];
  while (Array.isArray(first) && first.length > 0) first = first[0];
  if (typeof first === 'function') return undefined;
  const template = templateOf(args[0]);
  if (template === undefined) return undefined;
  const trimmed = template.endsWith('/') ? template.slice(0, -1) : template;
  return trimmed === '' ? undefined : trimmed;
}

/** Wraps a mounted handler so the mount template is on the request while it runs, and removed on `next()`. */
function wrapMounted(handle: Handler, template: string): Handler {
  if (handle.length === 4) {
    return function mountedErrorHandler(this: unknown, err: unknown, req: Req, res: unknown, next: Next) {
      const prev = req[PREFIX];
      req[PREFIX] = (prev ?? '') + template;
      return handle.call(this, err, req, res, (e?: unknown) => {
        req[PREFIX] = prev;
        return next(e);
      });
    } as Handler;
  }
  return function mounted(this: unknown, req: Req, res: unknown, next: Next) {
    const prev = req[PREFIX];
    req[PREFIX] = (prev ?? '') + template;
    return handle.call(this, req, res, (e?: unknown) => {
      req[PREFIX] = prev;
      return next(e);
    });
  } as Handler;
}

function patchUse(owner: { use: RouterLike['use'] }): void {
  const originalUse = owner.use;
  owner.use = function use(this: RouterLike, ...args: unknown[]) {
    const before = this.stack.length;
    const result = originalUse.apply(this, args);
    const template = mountPath(args);
    if (template !== undefined) {
      for (let i = before; i < this.stack.length; i++) {
        const layer = this.stack[i] as Layer;
        layer.handle = wrapMounted(layer.handle, template);
      }
    }
    return result;
  };
}

function patchDispatch(Route: RouteCtor): void {
  const originalDispatch = Route.prototype.dispatch;
  Route.prototype.dispatch = function dispatch(this: { path: unknown }, req: Req, res: unknown, done: Next) {
    // Read while the route runs: routers restore their state on the way out, often before 'finish'.
    const own = templateOf(this.path) ?? '';
    const prefix = req[PREFIX];
    req[ROUTE] = prefix === undefined ? own : own === '/' ? prefix : prefix + own;
    if (!isErrorCaptureEnabled()) return originalDispatch.call(this, req, res, done);
    // Tracing on: keep the error a route handler failed with (thrown or passed to next) for its span.
    return originalDispatch.call(this, req, res, (err?: unknown) => {
      if (err !== undefined && err !== 'route' && err !== 'router') setRequestError(req, err);
      return done(err);
    });
  };
}

/**
 * Route templates for Express 4 and 5, nested routers included: `Route#dispatch` records the route's
 * path, prefixed by the mount paths of the routers the request went through (`/api` + `/users/:id`).
 * Mount paths are captured from `use()` calls made after signalkit started, hence the preload.
 */
export const expressRoutes: ModulePatch = {
  name: 'express',
  requestId: './lib/express',
  parentSuffix: '/express/index.js',
  fileSuffix: '/express/lib/express.js',
  patch(exports) {
    const express = exports as { Router?: unknown; Route?: RouteCtor; [PATCHED]?: boolean };
    if (express[PATCHED] === true || typeof express.Route?.prototype?.dispatch !== 'function') return;
    express[PATCHED] = true;
    patchDispatch(express.Route);
    const Router = express.Router as (RouterLike & { prototype?: RouterLike }) | undefined;
    if (Router === undefined) return;
    // Express 5 (the `router` package) has `Router.prototype.use`; Express 4 puts `use` on the Router function.
    if (typeof Router.prototype?.use === 'function') patchUse(Router.prototype);
    else if (typeof Router.use === 'function') patchUse(Router);
  },
};
