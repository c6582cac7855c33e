// The Fastify app of the route scenarios (CommonJS and ESM entry files pass in the fastify they
// loaded). Route templates the test expects are in the comments.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function buildApp(Fastify) {
  const app = Fastify();

  app.get('/users/:id', async (req) => ({ id: req.params.id })); // /users/:id (and HEAD)
  app.get('/users/:id/orders/:orderId', async (req) => req.params); // /users/:id/orders/:orderId

  app.register(
    async (api) => {
      api.get('/items/:itemId', async () => 'item'); // /api/items/:itemId
      // Schema validation fails before the handler runs: a 400 that still has a route.
      api.post(
        '/items',
        {
          schema: {
            body: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string' } },
            },
          },
        },
        async (req, reply) => reply.code(201).send({ name: req.body.name }),
      ); // /api/items
      api.register(
        async (posts) => {
          posts.get('/', async (req) => ({ user: req.params.userId })); // /api/users/:userId/posts
          posts.get('/:postId', async (req) => {
            await sleep(2);
            return req.params; // /api/users/:userId/posts/:postId
          });
        },
        { prefix: '/users/:userId/posts' },
      );
      // An auth hook answers 401 before the handler: the route is known all the same.
      api.register(
        async (admin) => {
          admin.addHook('onRequest', async (req, reply) => {
            if (req.headers.authorization !== 'Bearer ok') return reply.code(401).send({ error: 'no' });
          });
          admin.get('/stats', async () => ({ ok: true })); // /api/admin/stats
        },
        { prefix: '/admin' },
      );
      api.get('/fail/:code', async (req) => {
        await sleep(1);
        throw Object.assign(new Error('unavailable'), { statusCode: Number(req.params.code) });
      }); // /api/fail/:code
    },
    { prefix: '/api' },
  );

  // Fastify 5 serves WebDAV methods only once added; signalkit still records them as _OTHER.
  app.addHttpMethod('PROPFIND');
  app.route({ method: ['GET', 'PROPFIND'], url: '/dav/:resource', handler: async (req) => req.method }); // /dav/:resource

  app.get('/slow', async (req) => {
    await sleep(Number(req.query.ms ?? 300));
    return 'slow'; // /slow
  });

  app.get('/hang', (_req, reply) => {
    setTimeout(() => {
      reply.send('late');
      console.log('hang answered');
    }, 300);
  });

  app.get('/boom', async () => {
    await sleep(1);
    throw new Error('boom'); // /boom, 500 from Fastify's error handler
  });

  return app;
}

async function listen(app) {
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  console.log(`listening ${app.server.address().port}`);
}

module.exports = { buildApp, listen };
