// Hono 4 on @hono/node-server, imported from an ES module (Hono's ESM build). Dynamic imports, so that in
// init mode signalkit starts first.
if (process.env.SIGNALKIT_TEST_INIT === '1') (await import('@signalkit/node')).initObservability();
const { Hono } = await import('hono');
const { HTTPException } = await import('hono/http-exception');
const { TrieRouter } = await import('hono/router/trie-router');
const { serve } = await import('@hono/node-server');
const { buildApp, listen } = await import('./buildApp.cjs');

listen(serve, buildApp({ Hono, HTTPException, TrieRouter }));
