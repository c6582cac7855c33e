// restify 12, CommonJS.
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const restify = require('restify');
const { buildApp, listen } = require('./buildApp.cjs');

listen(buildApp(restify));
