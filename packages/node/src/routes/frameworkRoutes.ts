import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { isInstalled } from '../installedPackages.js';
import type { Integration } from '../integration.js';
import { expressRoutes } from './expressRoutes.js';
import { fastifyRoutes } from './fastifyRoutes.js';
import { hapiRoutes } from './hapiRoutes.js';
import { honoRoutes } from './honoRoutes.js';
import { koaRoutes } from './koaRoutes.js';
import { installModulePatches } from './moduleHook.js';
import { restifyRoutes } from './restifyRoutes.js';
import { installSourcePatches } from './sourceHook.js';

/**
 * Route-template capture for the frameworks signalkit knows (Express 4/5, Fastify, Koa + @koa/router,
 * hapi 21, restify 12, Hono 4 on @hono/node-server). Others call `setRoute(req, template)`. Module and source patches stay for
 * the life of the process: they only copy a template onto the request, and unpatching would race with
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
      // Only where the app has the framework: the hook would otherwise sit in every module load for nothing.
      const sourcePatches = [honoRoutes].filter((patch) => isInstalled(patch.packageName));
      const hooked = installSourcePatches(sourcePatches, (name, problem) =>
        diagnostics.warn(`route-patch:${name}`, `route capture for ${name}: ${problem}`),
      );
      if (hooked === 'unsupported') {
        diagnostics.info(
          'route-hooks',
          `Node.js ${process.versions.node} has no module.registerHooks (needs >= 22.15 or >= 23.5): Hono routes have no http.route`,
        );
      }
      fastify.start();
    },
    stop() {
      fastify.stop();
    },
  };
}
