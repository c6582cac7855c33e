import type { Case } from '../../support/httpLoad.js';
import { describeRouteScenario } from '../../support/routeScenario.js';
import { describeRouteSpans } from '../../support/routeSpans.js';

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

/** The request mix; every route of buildApp.cjs, with its template in hapi's syntax. */
const MIX: Case[] = [
  { method: 'GET', paths: range(5, (i) => `/users/${i}`), status: 200, route: '/users/{id}' },
  { method: 'HEAD', paths: ['/users/3'], status: 200, route: '/users/{id}' },
  {
    method: 'GET',
    paths: ['/users/7/orders/9', '/users/8/orders/10'],
    status: 200,
    route: '/users/{id}/orders/{orderId}',
  },
  { method: 'GET', paths: ['/api/items/i1', '/api/items/i2'], status: 200, route: '/api/items/{id}' },
  { method: 'POST', paths: ['/api/items'], status: 201, route: '/api/items' },
  {
    method: 'GET',
    paths: ['/api/users/1/posts', '/api/users/2/posts'],
    status: 200,
    route: '/api/users/{userId}/posts',
  },
  {
    method: 'GET',
    paths: range(12, (i) => `/api/users/u${i}/posts/p${i}`),
    status: 200,
    route: '/api/users/{userId}/posts/{postId}',
  },
  { method: 'GET', paths: ['/api/admin/stats'], status: 401, route: '/api/admin/stats' },
  { method: 'GET', paths: ['/api/fail/503', '/api/fail/503'], status: 503, route: '/api/fail/{code}' },
  { method: 'GET', paths: ['/boom', '/boom'], status: 500, route: '/boom' },
  { method: 'GET', paths: ['/slow?ms=300'], status: 200, route: '/slow' },
  // A route added while the server runs: no route before, its template after.
  { method: 'GET', paths: ['/late/0'], status: 404, route: undefined },
  { method: 'POST', paths: ['/routes'], status: 201, route: '/routes' },
  { method: 'GET', paths: ['/late/1', '/late/2', '/late/3'], status: 200, route: '/late/{id}' },
  // Hostile input: malformed percent-encoding is hapi's 400 before routing; odd slashes match nothing; a
  // 3,000-character parameter is still the route.
  { method: 'GET', paths: ['/users/%E0%A4%A'], status: 400, route: undefined },
  { method: 'GET', paths: ['/%%%', '//users/1', '/users/1/'], status: 404, route: undefined },
  { method: 'GET', paths: [`/users/${'a'.repeat(3000)}`], status: 200, route: '/users/{id}' },
  // hapi answers a known path with an unrouted method 404 (its notFound route, path /{p*}): no route.
  { method: 'DELETE', paths: ['/users/1'], status: 404, route: undefined },
  {
    method: 'GET',
    paths: ['/nope/x', '/api/nope', '/api/users/1/posts/2/extra', '/api/admin/nope'],
    status: 404,
    route: undefined,
  },
];

describeRouteScenario({
  dir: import.meta.dirname,
  variants: [
    { name: 'hapi 21, CommonJS, --require', file: 'app.cjs', mode: 'require' },
    { name: 'hapi 21, ESM, --import', file: 'app.mjs', mode: 'import', notFound: 1_000 },
    { name: 'hapi 21, CommonJS, initObservability()', file: 'app.cjs', mode: 'init', notFound: 1_000 },
    {
      name: 'hapi 21, CommonJS, loaded before initObservability()',
      file: 'appLoadedFirst.cjs',
      mode: 'none',
      notFound: 1_000,
    },
  ],
  mix: MIX,
  notFoundPrefixes: ['', '/api', '/api/users/1/posts/2', '/api/admin', '/users/1/archive'],
  davRoute: '/dav/{resource}',
  activeMethods: ['DELETE', 'GET', 'HEAD', 'POST', '_OTHER'],
});

describeRouteSpans({
  framework: 'hapi 21',
  dir: import.meta.dirname,
  itemRoute: '/api/items/{id}',
  postRoute: '/api/users/{userId}/posts/{postId}',
});
