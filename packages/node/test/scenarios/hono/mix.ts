import type { Case } from '../../support/httpLoad.js';

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

/** The request mix, in order (the runtime route is registered halfway); every route of buildApp.cjs. */
export const MIX: Case[] = [
  { method: 'GET', paths: range(5, (i) => `/users/${i}`), status: 200, route: '/users/:id' },
  // Hono answers HEAD by dispatching GET.
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
  {
    method: 'GET',
    paths: range(3, (i) => `/v1/api/items/v${i}`),
    status: 200,
    route: '/v1/api/items/:itemId',
  },
  { method: 'GET', paths: ['/v1/health'], status: 200, route: '/v1/health' },
  // The auth middleware answers before the handler: the handler's route, or none where no handler matched.
  { method: 'GET', paths: ['/api/admin/stats'], status: 401, route: '/api/admin/stats' },
  { method: 'GET', paths: ['/api/admin/nope', '/api/admin/x/y'], status: 401, route: undefined },
  { method: 'GET', paths: ['/api/fail/503', '/api/fail/503'], status: 503, route: '/api/fail/:code' },
  { method: 'GET', paths: ['/boom', '/boom'], status: 500, route: '/boom' },
  { method: 'GET', paths: ['/slow?ms=300'], status: 200, route: '/slow' },
  // Before the route exists, the inner app matches nothing: the outer /live/* is not the route either.
  { method: 'GET', paths: ['/live/added/0'], status: 404, route: undefined },
  { method: 'PUT', paths: ['/live-routes'], status: 204, route: '/live-routes' },
  { method: 'GET', paths: ['/live/added/1', '/live/added/2'], status: 200, route: '/live/added/:n' },
  // Hostile input: malformed escapes, a NUL, a long parameter, dot segments (the URL parser of
  // @hono/node-server resolves them before Hono matches), odd separators. Templates only, never the path.
  {
    method: 'GET',
    paths: ['/users/%E0%A4%A', `/users/${'x'.repeat(8000)}`, '/users/%00', '/users/1?x=%zz', '/users/1;x'],
    status: 200,
    route: '/users/:id',
  },
  {
    method: 'GET',
    paths: ['/users/1/../../api/items/1', '/api/items/%2F..%2F'],
    status: 200,
    route: '/api/items/:itemId',
  },
  { method: 'GET', paths: ['/v1/api/items/a%20b'], status: 200, route: '/v1/api/items/:itemId' },
  { method: 'GET', paths: ['//users/1', '/USERS/1'], status: 404, route: undefined },
  { method: 'DELETE', paths: ['/users/1'], status: 404, route: undefined },
  {
    method: 'GET',
    paths: ['/nope/x', '/api/nope', '/api/users/1/posts/2/extra', '/v1/nope', '/live/nope'],
    status: 404,
    route: undefined,
  },
];

export const NOT_FOUND_PREFIXES = ['', '/api', '/api/users/1/posts/2', '/v1', '/v1/api/items/1', '/live'];
