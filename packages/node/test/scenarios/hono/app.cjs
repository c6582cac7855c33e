// Hono 4 on @hono/node-server, CommonJS (Hono's CommonJS build, through require()).
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const { Hono } = require('hono');
const { HTTPException } = require('hono/http-exception');
const { TrieRouter } = require('hono/router/trie-router');
const { serve } = require('@hono/node-server');
const { buildApp, listen } = require('./buildApp.cjs');

listen(serve, buildApp({ Hono, HTTPException, TrieRouter }));
