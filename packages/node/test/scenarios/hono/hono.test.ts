import { resolve } from 'node:path';
import { describeRouteScenario } from '../../support/routeScenario.js';
import { MIX, NOT_FOUND_PREFIXES } from './mix.js';

describeRouteScenario({
  dir: import.meta.dirname,
  variants: [
    { name: 'Hono 4, ESM, --import', file: 'app.mjs', mode: 'import' },
    { name: 'Hono 4, CommonJS, --require', file: 'app.cjs', mode: 'require', notFound: 1_000 },
    { name: 'Hono 4, ESM, initObservability()', file: 'app.mjs', mode: 'init', notFound: 1_000 },
    {
      name: 'Hono 4, ESM, initObservability() in a file loaded with --import',
      file: 'app.mjs',
      mode: 'none',
      nodeArgs: ['--import', resolve(import.meta.dirname, 'instrument.mjs')],
      notFound: 1_000,
    },
  ],
  mix: MIX,
  notFoundPrefixes: NOT_FOUND_PREFIXES,
  activeMethods: ['DELETE', 'GET', 'HEAD', 'POST', 'PUT', '_OTHER'],
});
