// Fastify 5, CommonJS.
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const Fastify = require('fastify');
const { buildApp, listen } = require('./buildApp.cjs');

listen(buildApp(Fastify));
