// hapi 21, CommonJS, loaded before initObservability(): signalkit patches it from the require cache.
const Hapi = require('@hapi/hapi');
const Boom = require('@hapi/boom');
require('@signalkit/node').initObservability();
const { buildApp, listen } = require('./buildApp.cjs');

buildApp(Hapi, Boom).then(listen);
