// The restify app of the route scenarios (CommonJS and ESM entry files pass in the restify they loaded).
// Route templates the test expects are in the comments.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error restify answers with its status, as it does restify-errors. */
const httpError = (statusCode, message) => Object.assign(new Error(message), { statusCode });

function buildApp(restify) {
  const server = restify.createServer();
  server.use(restify.plugins.queryParser());

  // An auth step in the use() chain answers 401 before the handler: restify has routed the request.
  server.use((req, res, next) => {
    if (req.path().startsWith('/api/admin') && req.headers.authorization !== 'Bearer ok') {
      res.send(401, { error: 'no token' });
      return next(false);
    }
    return next();
  });

  const getUser = (req, res, next) => {
    res.send({ id: req.params.id }); // /users/:id
    next();
  };
  server.get('/users/:id', getUser);
  server.head('/users/:id', getUser); // /users/:id
  server.get('/users/:id/orders/:orderId', (req, res, next) => {
    res.send(req.params); // /users/:id/orders/:orderId
    next();
  });

  // restify has no sub-routers: nested resources are full paths.
  server.get('/api/items/:id', (_req, res, next) => {
    res.send('item'); // /api/items/:id
    next();
  });
  server.post('/api/items', (_req, res, next) => {
    res.send(201, { ok: true }); // /api/items
    next();
  });
  server.get('/api/users/:userId/posts', (req, res, next) => {
    res.send({ user: req.params.userId }); // /api/users/:userId/posts
    next();
  });
  server.get('/api/users/:userId/posts/:postId', async (req, res) => {
    await sleep(2);
    res.send(req.params); // /api/users/:userId/posts/:postId
  });
  server.get('/api/admin/stats', (_req, res, next) => {
    res.send({ ok: true }); // /api/admin/stats
    next();
  });
  server.get('/api/fail/:code', async (req) => {
    await sleep(1);
    throw httpError(Number(req.params.code), 'unavailable'); // /api/fail/:code
  });

  // Any method on /dav/:resource, PROPFIND included: the router's public mount().
  const dav = (req, res, next) => {
    res.send(req.method); // /dav/:resource
    next();
  };
  for (const method of ['GET', 'PROPFIND']) server.router.mount({ method, path: '/dav/:resource' }, [dav]);

  server.get('/slow', async (req, res) => {
    await sleep(Number(req.query.ms ?? 300));
    res.send('slow'); // /slow
  });
  server.get('/hang', async (_req, res) => {
    await sleep(300);
    res.send('late');
    setImmediate(() => console.log('hang answered'));
  });
  server.get('/boom', async () => {
    await sleep(1);
    throw new Error('boom'); // /boom, 500
  });

  // Adds a route while the server runs: /late/:id is a 404 before, a route after.
  server.post('/routes', (_req, res, next) => {
    server.get('/late/:id', (req, res2, next2) => {
      res2.send(req.params); // /late/:id
      next2();
    });
    res.send(201); // /routes
    next();
  });

  return server;
}

function listen(server) {
  server.listen(Number(process.env.PORT), '127.0.0.1', () =>
    console.log(`listening ${server.address().port}`),
  );
}

module.exports = { buildApp, listen };
