// Serves one request to itself, reports, and ends: for Node.js versions signalkit does not support.
// With SIGNALKIT_TEST_INIT=1 it also calls initObservability() and reports the handle's health.
const http = require('node:http');
const net = require('node:net');

let health = null;
if (process.env.SIGNALKIT_TEST_INIT === '1') health = require('@signalkit/node').initObservability().health();

function report(served) {
  // Is anything listening where the metrics endpoint would be?
  const probe = net.connect(Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT), '127.0.0.1');
  const done = (metricsPort) => {
    probe.destroy();
    console.log(`report ${JSON.stringify({ node: process.versions.node, served, metricsPort, health })}`);
  };
  probe.on('connect', () => done('open'));
  probe.on('error', () => done('refused'));
}

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  http.get(`http://127.0.0.1:${server.address().port}/`, (res) => {
    let body = '';
    res.on('data', (chunk) => {
      body += chunk;
    });
    res.on('end', () => {
      server.close();
      report(body);
    });
  });
});
