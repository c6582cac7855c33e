// A node:http service that reports which OpenTelemetry packages the process has loaded (GET /loaded)
// and creates an app instrument on request (GET /meter), for lazy-sdk.test.ts.
const http = require('node:http');

const PACKAGE = /node_modules\/(@opentelemetry\/[^/]+|require-in-the-middle|import-in-the-middle)\//;

function loaded() {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = PACKAGE.exec(file);
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

const server = http.createServer((req, res) => {
  if (req.url === '/meter') {
    const { metrics } = require('@opentelemetry/api');
    metrics.getMeter('app').createCounter('app.jobs').add(2, { queue: 'mail' });
  }
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(loaded()));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
