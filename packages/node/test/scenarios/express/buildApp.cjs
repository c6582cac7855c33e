// The Express app of the route scenarios, built the same way for Express 4 and 5 (CommonJS and ESM
// entry files pass in the express they loaded). Route templates the test expects are in the comments.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function buildApp(express, major) {
  const app = express();

  app.get('/users/:id', (req, res) => res.send(`user ${req.params.id}`)); // /users/:id
  app.get('/users/:id/orders/:orderId', (req, res) => res.json(req.params)); // /users/:id/orders/:orderId

  // A router mounted at '/': no prefix.
  const root = express.Router();
  root.get('/health', (_req, res) => res.send('ok')); // /health
  app.use('/', root);

  // Routers nested three deep; the handlers answer after an await, once the routers have unwound.
  const api = express.Router();
  const posts = express.Router({ mergeParams: true });
  const comments = express.Router({ mergeParams: true });
  posts.use(async (_req, _res, next) => {
    await sleep(1);
    next();
  });
  posts.get('/', async (req, res) => {
    await sleep(2);
    res.json({ user: req.params.userId }); // /api/users/:userId/posts
  });
  posts.get('/:postId', async (req, res) => {
    await sleep(2);
    res.json(req.params); // /api/users/:userId/posts/:postId
  });
  comments.get('/:commentId', async (req, res) => {
    await sleep(2);
    res.json(req.params); // /api/users/:userId/posts/:postId/comments/:commentId
  });
  posts.use('/:postId/comments', comments);
  api.use('/users/:userId/posts', posts);
  api
    .route('/items/:itemId') // /api/items/:itemId
    .get((_req, res) => res.send('item'))
    .post((_req, res) => res.status(201).send('created'));
  api.get('/fail/:code', (req, _res, next) => {
    setImmediate(() => next(Object.assign(new Error('unavailable'), { status: Number(req.params.code) })));
  }); // /api/fail/:code
  app.use('/api', api);
  // Same prefix as the router above, registered after it: the router's prefix must not stick.
  app.get('/api/version', (_req, res) => res.send('1')); // /api/version

  // A sub-app with its own error handler mounted on the parent.
  const v1 = express();
  v1.get('/things/:thingId', async (_req, res) => {
    await sleep(1);
    res.send('thing'); // /v1/things/:thingId
  });
  v1.get('/broken', (_req, _res, next) => next(new Error('broken'))); // /v1/broken
  app.use('/v1', v1);
  app.use('/v1', (err, _req, res, _next) => res.status(502).send(`upstream: ${err.message}`));

  app.all('/dav/:resource', (req, res) => res.send(req.method)); // /dav/:resource, any method

  app.get('/slow', async (req, res) => {
    await sleep(Number(req.query.ms ?? 300));
    res.send('slow'); // /slow
  });

  // Answers late; the test aborts the client before. Prints when the app tried to answer.
  app.get('/hang', (_req, res) => {
    setTimeout(() => {
      res.send('late');
      console.log('hang answered');
    }, 300);
  });

  if (major >= 5) {
    app.get('/boom', async () => {
      await sleep(1);
      throw new Error('boom'); // /boom, 500 through the error handler
    });
  } else {
    app.get('/boom', (_req, _res, next) => setImmediate(() => next(new Error('boom'))));
  }

  app.use((err, _req, res, _next) => {
    res.status(err.status ?? 500).json({ error: err.message });
  });
  return app;
}

function listen(app) {
  const server = app.listen(Number(process.env.PORT), '127.0.0.1', () =>
    console.log(`listening ${server.address().port}`),
  );
}

module.exports = { buildApp, listen };
