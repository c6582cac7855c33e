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
  { method: 'GET', paths: ['/health', '/health', '/health'], status: 200, route: '/health' },
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
  {
    method: 'GET',
    paths: range(3, (i) => `/api/users/1/posts/2/comments/c${i}`),
    status: 200,
    route: '/api/users/:userId/posts/:postId/comments/:commentId',
  },
  { method: 'GET', paths: ['/api/items/i1', '/api/items/i2'], status: 200, route: '/api/items/:itemId' },
  { method: 'POST', paths: ['/api/items/i3'], status: 201, route: '/api/items/:itemId' },
  { method: 'GET', paths: ['/api/fail/503', '/api/fail/503'], status: 503, route: '/api/fail/:code' },
  { method: 'GET', paths: ['/api/version'], status: 200, route: '/api/version' },
  { method: 'GET', paths: range(3, (i) => `/v1/things/t${i}`), status: 200, route: '/v1/things/:thingId' },
  { method: 'GET', paths: ['/v1/broken'], status: 502, route: '/v1/broken' },
  { method: 'GET', paths: ['/boom', '/boom'], status: 500, route: '/boom' },
  { method: 'GET', paths: ['/slow?ms=300'], status: 200, route: '/slow' },
  { method: 'DELETE', paths: ['/users/1'], status: 404, route: undefined },
  { method: 'OPTIONS', paths: ['/users/1'], status: 200, route: undefined },
  {
    method: 'GET',
    paths: ['/nope/x', '/api/nope', '/api/users/1/posts/2/extra', '/v1/nope'],
    status: 404,
    route: undefined,
  },
];

describeRouteScenario({
  dir: import.meta.dirname,
  variants: [
    { name: 'Express 4, CommonJS, --require', file: 'app4.cjs', mode: 'require' },
    { name: 'Express 4, CommonJS, initObservability()', file: 'app4.cjs', mode: 'init', notFound: 1_000 },
    { name: 'Express 5, CommonJS, --require', file: 'app5.cjs', mode: 'require' },
    { name: 'Express 5, ESM, --import', file: 'app5.mjs', mode: 'import', notFound: 1_000 },
    { name: 'Express 5, CommonJS, initObservability()', file: 'app5.cjs', mode: 'init', notFound: 1_000 },
    { name: 'Express 5, ESM, initObservability()', file: 'app5.mjs', mode: 'init', notFound: 1_000 },
  ],
  mix: MIX,
  notFoundPrefixes: ['', '/api', '/api/users/1/posts/2', '/v1', '/users/1/archive'],
  activeMethods: ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', '_OTHER'],
});
