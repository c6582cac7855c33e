// The Koa + @koa/router app of the route scenarios (CommonJS and ESM entry files pass in the modules
// they loaded). Route templates the test expects are in the comments.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function buildApp(Koa, Router) {
  const app = new Koa();
  app.silent = true; // Koa logs every 5xx error to stderr otherwise.

  // Error-handling middleware, outermost, as Koa apps do.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      ctx.status = err.status ?? 500;
      ctx.body = { error: err.message };
    }
  });

  const router = new Router();
  router.get('/users/:id', (ctx) => {
    ctx.body = `user ${ctx.params.id}`; // /users/:id (and HEAD)
  });
  router.get('/users/:id/orders/:orderId', (ctx) => {
    ctx.body = ctx.params; // /users/:id/orders/:orderId
  });
  router.all('/dav/:resource', (ctx) => {
    ctx.body = ctx.method; // /dav/:resource, any method
  });
  router.get('/slow', async (ctx) => {
    await sleep(Number(ctx.query.ms ?? 300));
    ctx.body = 'slow'; // /slow
  });
  router.get('/hang', async (ctx) => {
    await sleep(300);
    ctx.body = 'late';
    setImmediate(() => console.log('hang answered'));
  });
  router.get('/boom', async () => {
    await sleep(1);
    throw new Error('boom'); // /boom, 500 from the error middleware
  });

  // A prefixed router with a router nested in it, and a router-level middleware that answers 401 itself.
  const api = new Router({ prefix: '/api' });
  api.use(async (ctx, next) => {
    if (ctx.path.startsWith('/api/admin') && ctx.get('authorization') !== 'Bearer ok') {
      ctx.status = 401; // /api/admin/stats: the route matched before the middleware ran
      return;
    }
    await next();
  });
  api.get('/items/:itemId', (ctx) => {
    ctx.body = 'item'; // /api/items/:itemId
  });
  api.post('/items', (ctx) => {
    ctx.status = 201; // /api/items
  });
  api.get('/admin/stats', (ctx) => {
    ctx.body = { ok: true };
  });
  api.get('/fail/:code', async (ctx) => {
    await sleep(1);
    ctx.throw(Number(ctx.params.code), 'unavailable'); // /api/fail/:code
  });
  const posts = new Router();
  posts.get('/', (ctx) => {
    ctx.body = { user: ctx.params.userId }; // /api/users/:userId/posts
  });
  posts.get('/:postId', async (ctx) => {
    await sleep(2);
    ctx.body = ctx.params; // /api/users/:userId/posts/:postId
  });
  api.use('/users/:userId/posts', posts.routes(), posts.allowedMethods());

  app.use(router.routes()).use(router.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}

function listen(app) {
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () =>
    console.log(`listening ${server.address().port}`),
  );
}

module.exports = { buildApp, listen };
