// Koa 3 + @koa/router, CommonJS.
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const Koa = require('koa');
const Router = require('@koa/router');
const { buildApp, listen } = require('./buildApp.cjs');

listen(buildApp(Koa, Router));
