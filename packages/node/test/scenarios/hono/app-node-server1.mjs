// Hono 4 on @hono/node-server 1.x (installed as hono-node-server1), ESM.
if (process.env.SIGNALKIT_TEST_INIT === '1') (await import('@signalkit/node')).initObservability();
const { Hono } = await import('hono');
const { HTTPException } = await import('hono/http-exception');
const { TrieRouter } = await import('hono/router/trie-router');
const { serve } = await import('hono-node-server1');
const { buildApp, listen } = await import('./buildApp.cjs');

listen(serve, buildApp({ Hono, HTTPException, TrieRouter }));
