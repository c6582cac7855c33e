// restify 12, CommonJS, loaded before initObservability(): signalkit patches it from the require cache.
const restify = require('restify');
require('@signalkit/node').initObservability();
const { buildApp, listen } = require('./buildApp.cjs');

listen(buildApp(restify));
