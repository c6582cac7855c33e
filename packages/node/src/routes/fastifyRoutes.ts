import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { ROUTE, setRequestError } from '../http/route.js';
import type { Integration } from '../integration.js';

const HANDLER_START = 'tracing:fastify.request.handler:start';
const HANDLER_ERROR = 'tracing:fastify.request.handler:error';
const INITIALIZATION = 'fastify.initialization';
const HOOKED = Symbol.for('signalkit.fastify.hooked');

type RawRequest = IncomingMessage & { [ROUTE]?: string };

interface FastifyHandlerStart {
  request?: { raw?: RawRequest };
  route?: { url?: unknown };
  error?: unknown;
}

interface RouteContext {
  config?: { url?: unknown };
}

interface FastifyRequestLike {
  raw?: RawRequest;
  routeOptions?: { url?: unknown };
  [key: symbol]: RouteContext | undefined;
}

interface FastifyInstanceLike {
  addHook?: (name: string, hook: typeof onRequest) => unknown;
  [HOOKED]?: boolean;
}

function onHandlerStart(message: unknown): void {
  const { request, route } = message as FastifyHandlerStart;
  if (request?.raw !== undefined && typeof route?.url === 'string') request.raw[ROUTE] = route.url;
}

function onHandlerError(message: unknown): void {
  const { request, error } = message as FastifyHandlerStart;
  if (request?.raw !== undefined) setRequestError(request.raw, error);
}

/**
 * Fastify's own key for a request's route context (`Symbol('fastify.context')`), found on the first
 * request (and again if a second copy of Fastify, with its own symbol, shows up).
 * `request.routeOptions.url` says the same, but builds a frozen object on every read.
 * undefined: not looked up yet; null: not found (another Fastify version), use `routeOptions`.
 */
let contextKey: symbol | null | undefined;

function findContextKey(request: object): symbol | null {
  for (const key of Object.getOwnPropertySymbols(request))
    if (key.description === 'fastify.context') return key;
  return null;
}

/** The registered template of the route a request matched; undefined for the not-found handler. */
function routeUrlOf(request: FastifyRequestLike): unknown {
  if (contextKey !== null) {
    let context = contextKey === undefined ? undefined : request[contextKey];
    if (context === undefined) {
      contextKey = findContextKey(request);
      if (contextKey !== null) context = request[contextKey];
    }
    if (context !== undefined) return context.config?.url;
  }
  return request.routeOptions?.url;
}

/**
 * A root `onRequest` hook, so the route is on the request even when Fastify answers before the handler
 * runs: a schema validation 400, a body-parser 415, an auth hook's 401. The handler channel alone never
 * fires for those. Runs first of all hooks (added when the instance is created); allocates nothing.
 */
function onRequest(request: FastifyRequestLike, _reply: unknown, done: () => void): void {
  try {
    // The not-found handler's context has no url: a 404 has no route.
    const url = routeUrlOf(request);
    if (typeof url === 'string' && request.raw !== undefined) request.raw[ROUTE] = url;
  } catch {
    // Route capture must never fail a request.
  }
  done();
}

function onInitialization(message: unknown): void {
  const fastify = (message as { fastify?: FastifyInstanceLike }).fastify;
  if (fastify === undefined || fastify[HOOKED] === true || typeof fastify.addHook !== 'function') return;
  try {
    fastify.addHook('onRequest', onRequest);
    fastify[HOOKED] = true;
  } catch {
    // An instance that refuses hooks keeps the handler-channel capture.
  }
}

/**
 * Route templates for Fastify (4.x late and 5.x): `route.url` / the route context's `config.url` is the
 * registered template, prefixes included. Two sources: an `onRequest` hook added to every instance created
 * after start (`fastify.initialization` channel), and, for instances created before, the channel Fastify
 * publishes before each route handler. Not-found replies carry no route. Hooks cannot be removed from a
 * Fastify instance, so after stop() the ones added stay; they only copy a template onto the request.
 */
export function fastifyRoutes(): Integration {
  return {
    name: 'fastify-routes',
    start() {
      diagnosticsChannel.subscribe(INITIALIZATION, onInitialization);
      diagnosticsChannel.subscribe(HANDLER_START, onHandlerStart);
      diagnosticsChannel.subscribe(HANDLER_ERROR, onHandlerError);
    },
    stop() {
      diagnosticsChannel.unsubscribe(INITIALIZATION, onInitialization);
      diagnosticsChannel.unsubscribe(HANDLER_START, onHandlerStart);
      diagnosticsChannel.unsubscribe(HANDLER_ERROR, onHandlerError);
    },
  };
}
