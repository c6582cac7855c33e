// The Hono 4 app of the route scenarios, served by @hono/node-server (the ESM and CommonJS entry files
// pass in the modules they loaded, so each variant runs one build of Hono). Route templates the test
// expects are in the comments.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function buildApp({ Hono, HTTPException, TrieRouter }) {
  const app = new Hono();

  // Middleware on everything and on /api/*: never the route. The auth check answers 401 itself.
  app.use('*', async (c, next) => {
    await next();
    c.header('x-served-by', 'hono');
  });
  app.use('/api/*', async (c, next) => {
    if (c.req.path.startsWith('/api/admin') && c.req.header('authorization') !== 'Bearer ok') {
      return c.text('unauthorized', 401); // the handler's route if one matched (/api/admin/stats), else none
    }
    await next();
  });
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    return c.json({ error: err.message }, 500);
  });

  app.get('/users/:id', (c) => c.text(`user ${c.req.param('id')}`)); // /users/:id (and HEAD)
  app.get('/users/:id/orders/:orderId', (c) => c.json(c.req.param())); // /users/:id/orders/:orderId
  app.all('/dav/:resource', (c) => c.text(c.req.method)); // /dav/:resource, any method
  app.get('/slow', async (c) => {
    await sleep(Number(c.req.query('ms') ?? 300));
    return c.text('slow'); // /slow
  });
  app.get('/hang', async (c) => {
    await sleep(300);
    setImmediate(() => console.log('hang answered'));
    return c.text('late');
  });
  app.get('/boom', async () => {
    await sleep(1);
    throw new Error('boom'); // /boom, 500 from onError
  });

  // Sub-apps mounted with app.route(), nested two deep under /api. `api` has its own onError, so Hono
  // wraps each of its handlers when it is mounted.
  const api = new Hono();
  api.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    return c.json({ error: err.message }, 500);
  });
  api.get('/admin/stats', (c) => c.json({ ok: true })); // /api/admin/stats
  api.get('/fail/:code', async (c) => {
    await sleep(1);
    throw new HTTPException(Number(c.req.param('code')), { message: 'unavailable' }); // /api/fail/:code
  });
  const items = new Hono();
  items.get('/:itemId', (c) => c.text('item')); // /api/items/:itemId, /v1/api/items/:itemId
  items.post('/', (c) => c.body(null, 201)); // /api/items
  const posts = new Hono();
  posts.get('/', (c) => c.json({ user: c.req.param('userId') })); // /api/users/:userId/posts
  posts.get('/:postId', async (c) => {
    await sleep(2);
    return c.json(c.req.param()); // /api/users/:userId/posts/:postId
  });
  const users = new Hono();
  users.route('/:userId/posts', posts);
  api.route('/items', items);
  api.route('/users', users);
  app.route('/api', api);

  // basePath(): a view of the same app under /v1.
  const v1 = app.basePath('/v1');
  v1.get('/health', (c) => c.text('ok')); // /v1/health
  v1.route('/api/items', items); // /v1/api/items/:itemId

  // Routes registered while the app serves: Hono's default router cannot take them once it matched,
  // so they live in an app with the TrieRouter, to which the main app hands /live/* on.
  const live = new Hono({ router: new TrieRouter() });
  app.all('/live/*', (c) => live.fetch(c.req.raw, c.env)); // the inner app names the route, or none
  app.put('/live-routes', (c) => {
    live.get('/live/added/:n', (c2) => c2.text(`added ${c2.req.param('n')}`)); // /live/added/:n
    return c.body(null, 204); // /live-routes
  });

  return app;
}

function listen(serve, app) {
  serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) =>
    console.log(`listening ${info.port}`),
  );
}

module.exports = { buildApp, listen };
