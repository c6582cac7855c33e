// Hono required before initObservability(): its routes cannot be captured, and signalkit says so.
require('hono');
require('@signalkit/node').initObservability();
console.log('started');
