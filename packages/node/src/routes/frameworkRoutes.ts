import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { Integration } from '../integration.js';
import { expressRoutes } from './expressRoutes.js';
import { fastifyRoutes } from './fastifyRoutes.js';
import { hapiRoutes } from './hapiRoutes.js';
import { koaRoutes } from './koaRoutes.js';
import { installModulePatches } from './moduleHook.js';
import { restifyRoutes } from './restifyRoutes.js';

/**
 * Route-template capture for the frameworks signalkit knows (Express 4/5, Fastify, Koa + @koa/router,
 * hapi 21, restify 12). Others call `setRoute(req, template)`. Module patches stay for the
 * life of the process: they only copy a template onto the request, and unpatching would race with
 * requests in flight.
 */
export function frameworkRoutes(diagnostics: Diagnostics): Integration {
  const fastify = fastifyRoutes();
  return {
    name: 'framework-routes',
    start() {
      installModulePatches([expressRoutes, koaRoutes, ...hapiRoutes, ...restifyRoutes], (error) =>
        diagnostics.warn('route-patch', `route capture could not patch a framework: ${String(error)}`),
      );
      fastify.start();
    },
    stop() {
      fastify.stop();
    },
  };
}
