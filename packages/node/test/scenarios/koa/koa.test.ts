import type { Case } from '../../support/httpLoad.js';
import { describeRouteScenario } from '../../support/routeScenario.js';

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

/** The request mix; every route of buildApp.cjs, with its template. */
const MIX: Case[] = [
  { method: 'GET', paths: range(5, (i) => `/users/${i}`), status: 200, route: '/users/:id' },
  { method: 'HEAD', paths: ['/users/3'], status: 200, route: '/users/:id' },
  {
    method: 'GET',
    paths: ['/users/7/orders/9', '/users/8/orders/10'],
    status: 200,
    route: '/users/:id/orders/:orderId',
  },
  { method: 'GET', paths: ['/api/items/i1', '/api/items/i2'], status: 200, route: '/api/items/:itemId' },
  { method: 'POST', paths: ['/api/items'], status: 201, route: '/api/items' },
  {
    method: 'GET',
    paths: ['/api/users/1/posts', '/api/users/2/posts'],
    status: 200,
    route: '/api/users/:userId/posts',
  },
  {
    method: 'GET',
    paths: range(12, (i) => `/api/users/u${i}/posts/p${i}`),
    status: 200,
    route: '/api/users/:userId/posts/:postId',
  },
  { method: 'GET', paths: ['/api/admin/stats'], status: 401, route: '/api/admin/stats' },
  { method: 'GET', paths: ['/api/fail/503', '/api/fail/503'], status: 503, route: '/api/fail/:code' },
  { method: 'GET', paths: ['/boom', '/boom'], status: 500, route: '/boom' },
  { method: 'GET', paths: ['/slow?ms=300'], status: 200, route: '/slow' },
  // allowedMethods() answers a known path with an unhandled method: no route ran.
  { method: 'DELETE', paths: ['/users/1'], status: 405, route: undefined },
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
    { name: 'Koa 3, CommonJS, --require', file: 'app.cjs', mode: 'require' },
    { name: 'Koa 3, ESM, --import', file: 'app.mjs', mode: 'import', notFound: 1_000 },
    { name: 'Koa 3, CommonJS, initObservability()', file: 'app.cjs', mode: 'init', notFound: 1_000 },
  ],
  mix: MIX,
  notFoundPrefixes: ['', '/api', '/api/users/1/posts/2', '/api/admin', '/users/1/archive'],
  // allowedMethods() answers a method no router knows with 501.
  unknownMethodStatus: 501,
  activeMethods: ['DELETE', 'GET', 'HEAD', 'POST', '_OTHER'],
});
