import type { IncomingMessage } from 'node:http';
import { isErrorCaptureEnabled, ROUTE, setRequestError } from '../http/route.js';
import type { ModulePatch } from './moduleHook.js';

const PATCHED = Symbol.for('signalkit.hapi.patched');

/** The parts of hapi's public route object (`request.route`) read here. */
interface PublicRoute {
  method?: unknown;
  path?: unknown;
}

interface HapiRequest {
  route?: PublicRoute;
  raw?: { req?: IncomingMessage & { [ROUTE]?: string } };
}

interface BoomLike {
  isBoom?: unknown;
  output?: { statusCode?: unknown };
}

type RequestMethod = (this: HapiRequest, ...args: unknown[]) => unknown;

interface RequestPrototype {
  _lookup?: unknown;
  _setResponse?: unknown;
  [PATCHED]?: boolean;
}

/**
 * The template of a route hapi matched: its path in hapi's own syntax (`/api/items/{id}`), plugin
 * prefix included (hapi prefixes the path when the route is created). hapi's own special routes
 * (not found, bad request, CORS preflight) have the method `_special` and the catch-all path `/{p*}`:
 * they have no template, unlike an application route that happens to be `/{p*}`.
 */
function hapiRouteTemplate(route: PublicRoute | undefined): string | undefined {
  if (route === undefined || route.method === '_special') return undefined;
  return typeof route.path === 'string' ? route.path : undefined;
}

/** A response that is a server error (a thrown error hapi wrapped in a 500, or a Boom 5xx), or undefined. */
function serverError(response: unknown): BoomLike | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const boom = response as BoomLike;
  if (boom.isBoom !== true) return undefined;
  const status = boom.output?.statusCode;
  return typeof status === 'number' && status >= 500 ? boom : undefined;
}

/** Patches `Request` (the class) once; inert when it lacks the expected methods. */
function patchRequest(exports: unknown): void {
  const proto = (exports as { prototype?: RequestPrototype }).prototype;
  if (proto === undefined || proto[PATCHED] === true) return;
  const lookup = proto._lookup;
  const setResponse = proto._setResponse;
  if (typeof lookup !== 'function' || typeof setResponse !== 'function') return;
  proto[PATCHED] = true;

  proto._lookup = function _lookup(this: HapiRequest) {
    const result = (lookup as RequestMethod).call(this);
    const template = hapiRouteTemplate(this.route);
    const req = this.raw?.req;
    if (template !== undefined && req !== undefined) req[ROUTE] = template;
    return result;
  };

  proto._setResponse = function _setResponse(this: HapiRequest, response: unknown) {
    if (isErrorCaptureEnabled()) {
      const error = serverError(response);
      const req = this.raw?.req;
      if (error !== undefined && req !== undefined) setRequestError(req, error);
    }
    return (setResponse as RequestMethod).call(this, response);
  };
}

/**
 * Route templates for hapi 21. hapi 21 publishes no diagnostics_channel, and the public per-request
 * hooks (server extensions such as `onPreAuth`) each cost a toolkit object and several awaits per
 * request. So `Request#_lookup`, the one step that matches a route (after `onRequest`, before auth,
 * validation and the handler), is wrapped to copy `request.route.path` onto the Node request: a 401 from
 * an auth scheme or a 400 from validation keeps its route. With tracing on, `Request#_setResponse` keeps
 * a 5xx Boom (a thrown error is boomified in place, so it is the error itself) for the server span.
 * A hapi whose Request class lacks these methods is left alone.
 *
 * One patch per hapi file that requires `./request`: with tracing on, require-in-the-middle answers
 * every require of a file after the first from its own cache, without calling the hook, so only the
 * first one (from `lib/auth.js` in 21.x) is seen. The others are there in case a release reorders them.
 */
export const hapiRoutes: readonly ModulePatch[] = ['auth', 'core', 'server'].map((parent) => ({
  name: 'hapi',
  requestId: './request',
  parentSuffix: `/@hapi/hapi/lib/${parent}.js`,
  fileSuffix: '/@hapi/hapi/lib/request.js',
  patch: patchRequest,
}));
