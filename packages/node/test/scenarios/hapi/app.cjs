// hapi 21, CommonJS.
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');
const { buildApp, listen } = require('./buildApp.cjs');

buildApp(Hapi, Boom).then(listen);
