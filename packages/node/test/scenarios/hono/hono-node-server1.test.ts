import { describeRouteScenario } from '../../support/routeScenario.js';
import { MIX, NOT_FOUND_PREFIXES } from './mix.js';

/**
 * The same app on @hono/node-server 1.x. Without HEAD: 1.19.19 answers HEAD of a `c.text()` route with
 * a 500 whether signalkit runs or not (its Response shim cannot take Hono's HEAD response as init).
 */
describeRouteScenario({
  dir: import.meta.dirname,
  variants: [
    {
      name: 'Hono 4 on @hono/node-server 1.x, ESM, --import',
      file: 'app-node-server1.mjs',
      mode: 'import',
      notFound: 1_000,
    },
  ],
  mix: MIX.filter((c) => c.method !== 'HEAD'),
  notFoundPrefixes: NOT_FOUND_PREFIXES,
  activeMethods: ['DELETE', 'GET', 'POST', 'PUT', '_OTHER'],
});
