// The hapi app of the route scenarios (CommonJS and ESM entry files pass in the modules they loaded).
// Route templates the test expects are in the comments: hapi's own path syntax, plugin prefixes included.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function buildApp(Hapi, Boom) {
  const server = Hapi.server({ port: Number(process.env.PORT), host: '127.0.0.1' });

  // An auth scheme that answers 401 before the handler runs: the route is known all the same.
  server.auth.scheme('token', () => ({
    authenticate: (request, h) =>
      request.headers.authorization === 'Bearer ok'
        ? h.authenticated({ credentials: { user: 'admin' } })
        : h.unauthenticated(Boom.unauthorized('no token')),
  }));
  server.auth.strategy('token', 'token');

  server.route([
    { method: 'GET', path: '/users/{id}', handler: (req) => ({ id: req.params.id }) }, // /users/{id} (and HEAD)
    { method: 'GET', path: '/users/{id}/orders/{orderId}', handler: (req) => req.params }, // /users/{id}/orders/{orderId}
    { method: '*', path: '/dav/{resource}', handler: (req) => req.method }, // /dav/{resource}, any method
    {
      method: 'GET',
      path: '/slow',
      handler: async (req) => {
        await sleep(Number(req.query.ms ?? 300));
        return 'slow'; // /slow
      },
    },
    {
      method: 'GET',
      path: '/hang',
      handler: async () => {
        await sleep(300);
        setImmediate(() => console.log('hang answered'));
        return 'late';
      },
    },
    {
      method: 'GET',
      path: '/boom',
      handler: async () => {
        await sleep(1);
        throw new Error('boom'); // /boom, 500
      },
    },
    {
      // Adds a route while the server runs: /late/{id} is a 404 before, a route after.
      method: 'POST',
      path: '/routes',
      handler: (_req, h) => {
        server.route({ method: 'GET', path: '/late/{id}', handler: (req) => req.params }); // /late/{id}
        return h.response().code(201); // /routes
      },
    },
  ]);

  const posts = {
    name: 'posts',
    register(s) {
      s.route({ method: 'GET', path: '/', handler: (req) => ({ user: req.params.userId }) }); // /api/users/{userId}/posts
      s.route({
        method: 'GET',
        path: '/{postId}',
        handler: async (req) => {
          await sleep(2);
          return req.params; // /api/users/{userId}/posts/{postId}
        },
      });
    },
  };

  const api = {
    name: 'api',
    async register(s) {
      s.route({ method: 'GET', path: '/items/{id}', handler: () => 'item' }); // /api/items/{id}
      s.route({ method: 'POST', path: '/items', handler: (_req, h) => h.response({ ok: true }).code(201) }); // /api/items
      s.route({
        method: 'GET',
        path: '/admin/stats',
        options: { auth: 'token' },
        handler: () => ({ ok: true }),
      }); // /api/admin/stats
      s.route({
        method: 'GET',
        path: '/fail/{code}',
        handler: async (req) => {
          await sleep(1);
          throw new Boom.Boom('unavailable', { statusCode: Number(req.params.code) }); // /api/fail/{code}
        },
      });
      // A plugin registered by a plugin: the prefixes compose.
      await s.register(posts, { routes: { prefix: '/users/{userId}/posts' } });
    },
  };

  await server.register(api, { routes: { prefix: '/api' } });
  return server;
}

async function listen(server) {
  await server.start();
  console.log(`listening ${server.info.port}`);
}

module.exports = { buildApp, listen };
