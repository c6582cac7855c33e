import { ROUTE } from '../http/route.js';
import type { SourcePatch } from './sourceHook.js';

/** Where the changed hono-base.js finds the recorder: a registry symbol, so both builds of signalkit agree. */
const RECORDER = Symbol.for('signalkit.hono.recordMatch');
/**
 * Hono marks a handler it wrapped (`app.route()` of a sub-app with its own onError) with the original,
 * under this key (seen in 4.6.20 and 4.13.23). 4.3.0 and older use a private symbol: there the wrapper's
 * arity decides, and a route registered for a method still counts (see {@link honoMatchTemplate}).
 */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';
/** Bound on the unwrapping, against a cycle. */
const MAX_WRAPS = 16;

/** A route record as Hono keeps it (`matchedRoutes(c)` returns these). */
interface RouterRoute {
  path?: unknown;
  method?: unknown;
  handler?: unknown;
}

type Target = { [ROUTE]?: string | undefined };

/** The number of parameters the registered function declares, through Hono's own wrappers. */
function arityOf(handler: unknown): number {
  let fn = handler;
  for (let i = 0; i < MAX_WRAPS && typeof fn === 'function'; i++) {
    const inner: unknown = (fn as unknown as Record<string, unknown>)[COMPOSED_HANDLER];
    if (typeof inner !== 'function') return fn.length;
    fn = inner;
  }
  return typeof fn === 'function' ? fn.length : 2;
}

/**
 * The template of the route a Hono match result will answer with: the path of the first matched handler,
 * that is, the first function registered without a `next` parameter (Hono runs matches in registration
 * order, so that is the one that answers unless a middleware answers first). The path is the full one:
 * `basePath()` and `app.route()` mounts are merged into it when the route is registered. Middleware
 * (`app.use('*', ...)`, `app.use('/api/*', ...)`: method ALL, takes `next`) never names the request, so
 * an auth middleware's 401 keeps the route of the handler that matched, and a request that matched only
 * middleware (a 404, Hono's `notFound`) has none. A handler written with a `next` parameter still counts
 * when it was registered for a method (`app.get(path, async (c, next) => ...)`).
 *
 * The match result is `[[[handler, route], params], ...]` for every router (what `matchedRoutes()` reads).
 * A loop over a handful of entries; no allocation.
 */
export function honoMatchTemplate(matchResult: unknown): string | undefined {
  const matched = Array.isArray(matchResult) ? (matchResult[0] as unknown) : undefined;
  if (!Array.isArray(matched)) return undefined;
  let withNext: string | undefined;
  for (let i = 0; i < matched.length; i++) {
    const route = (matched[i] as [[unknown, RouterRoute?]?] | undefined)?.[0]?.[1];
    if (route === undefined || typeof route.path !== 'string') continue;
    if (arityOf(route.handler) < 2) return route.path;
    if (withNext === undefined && route.method !== 'ALL') withNext = route.path;
  }
  return withNext;
}

/**
 * Called by Hono's dispatch (changed by {@link honoRoutes}) with each match result and the env it got:
 * @hono/node-server passes `{ incoming, outgoing }`, and the template goes onto `incoming`, where the
 * HTTP server integration reads it when the response closes. Every dispatch writes: when an app hands
 * the request on to another Hono app's `fetch` (with the same env), the inner app names the route, and
 * one that matched no handler takes the outer one's away (a 404 has no route).
 */
export function recordHonoMatch(matchResult: unknown, env: unknown): void {
  if (typeof env !== 'object' || env === null) return;
  const incoming = (env as { incoming?: unknown }).incoming;
  if (typeof incoming !== 'object' || incoming === null) return;
  const template = honoMatchTemplate(matchResult);
  const target = incoming as Target;
  if (template !== undefined) target[ROUTE] = template;
  else if (target[ROUTE] !== undefined) target[ROUTE] = undefined;
}

/**
 * The one statement of `#dispatch` (`dispatch` + `matchRoute` in early Hono 4) that matches the request;
 * the same in the ESM and CommonJS builds of Hono 4.0.0, 4.3.0, 4.6.20 and 4.13.23 (looked at).
 */
const MATCH_STATEMENT = /const matchResult = (this\.(?:router\.match|matchRoute)\(method, path\));/g;
/** The dispatch signature whose `env` the changed statement reads. */
const DISPATCH_SIGNATURE = 'dispatch(request, executionCtx, env, method) {';

/**
 * Appended to hono-base.js. A function declaration, hoisted, so the changed statement can call it; it
 * reads the recorder once, when called first, and never lets a failure reach the request.
 */
const SHIM = `
;var __signalkitHonoRecord;
function __signalkitHonoMatched(matchResult, env) {
  try {
    if (__signalkitHonoRecord === undefined) __signalkitHonoRecord = globalThis[Symbol.for("signalkit.hono.recordMatch")] || null;
    if (__signalkitHonoRecord !== null) __signalkitHonoRecord(matchResult, env);
  } catch {}
  return matchResult;
}
`;

/** Makes the recorder reachable from the changed file (the first signalkit copy to get here keeps it). */
function publishRecorder(): void {
  const registry = globalThis as { [RECORDER]?: typeof recordHonoMatch };
  registry[RECORDER] ??= recordHonoMatch;
}

/**
 * Route templates for Hono 4 (on @hono/node-server), ESM and CommonJS builds. Hono keeps the matched
 * routes in private fields and builds its `fetch` per instance (clones made by `basePath()` and
 * `app.route()` included), so nothing public sees a match: hono-base.js is changed as it loads, so that
 * the one statement of the dispatch that matches also hands the result and the env to signalkit. Chosen
 * over the alternatives because it runs for every dispatch path: a wrapped `compose` never runs for a
 * request that matched a single handler (Hono's fast path), and a wrapped Hono class misses the clones
 * `basePath()` makes (constructed from inside the class). The template is known before any handler
 * runs, so an early answer (401), a thrown error and a streamed body all keep it. A hono-base.js that does
 * not have that statement exactly once loads unchanged, and Hono routes have no `http.route`.
 */
export const honoRoutes: SourcePatch = {
  name: 'hono',
  packageName: 'hono',
  urlSuffixes: ['/hono/dist/hono-base.js', '/hono/dist/cjs/hono-base.js'],
  transform(source) {
    if (!source.includes(DISPATCH_SIGNATURE)) return undefined;
    const statements = source.match(MATCH_STATEMENT);
    if (statements === null || statements.length !== 1) return undefined;
    publishRecorder();
    const changed = source.replace(
      MATCH_STATEMENT,
      'const matchResult = __signalkitHonoMatched($1, typeof env === "undefined" ? void 0 : env);',
    );
    return changed + SHIM;
  },
};
