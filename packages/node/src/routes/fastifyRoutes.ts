import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { ROUTE, setRequestError } from '../http/route.js';
import type { Integration } from '../integration.js';

const CHANNEL = 'tracing:fastify.request.handler:start';
const ERROR_CHANNEL = 'tracing:fastify.request.handler:error';

interface FastifyHandlerStart {
  request?: { raw?: IncomingMessage & { [ROUTE]?: string } };
  route?: { url?: unknown };
  error?: unknown;
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
 * Route templates for Fastify (4.x late and 5.x), from the diagnostics channel Fastify publishes before
 * each route handler: its `route.url` is the registered template, prefixes included. Not-found replies
 * publish nothing, so they carry no route.
 */
export function fastifyRoutes(): Integration {
  return {
    name: 'fastify-routes',
    start() {
      diagnosticsChannel.subscribe(CHANNEL, onHandlerStart);
      diagnosticsChannel.subscribe(ERROR_CHANNEL, onHandlerError);
    },
    stop() {
      diagnosticsChannel.unsubscribe(CHANNEL, onHandlerStart);
      diagnosticsChannel.unsubscribe(ERROR_CHANNEL, onHandlerError);
    },
  };
}
