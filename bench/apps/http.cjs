'use strict';
// The benchmark's plain node:http server. GET on any path answers a short text body.
// Options (environment, set by the harness):
//   PORT                 port to listen on (127.0.0.1); 0 picks a free one
//   BENCH_PROM_CLIENT=1  prom-client: collectDefaultMetrics() + a route histogram, /metrics on PORT
//   STARTUP_PROBE=1      listen, send one GET to itself, print timings as JSON, exit
//   BENCH_CPU_PROF=1     exit cleanly on SIGUSR2 so `node --cpu-prof` writes its profile
// Everything lives in this one file so that the bare app loads no module of its own but itself.
const http = require('node:http');

const BODY = 'hello world\n';
let promClient;
let requestDuration;
if (process.env.BENCH_PROM_CLIENT === '1') {
  promClient = require('prom-client');
  promClient.collectDefaultMetrics();
  requestDuration = new promClient.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds',
    labelNames: ['method', 'route', 'status_code'],
  });
}

function hello(_req, res) {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(BODY);
}

function withPromClient(req, res) {
  if (req.url === '/metrics') {
    promClient.register.metrics().then((text) => {
      res.writeHead(200, { 'content-type': promClient.register.contentType });
      res.end(text);
    });
    return;
  }
  const end = requestDuration.startTimer();
  // node:http has no router: the path is the route (one path in this benchmark).
  res.on('finish', () => end({ method: req.method, route: req.url, status_code: res.statusCode }));
  hello(req, res);
}

const server = http.createServer(promClient ? withPromClient : hello);

if (process.env.BENCH_CPU_PROF === '1') process.on('SIGUSR2', () => process.exit(0));

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  if (process.env.STARTUP_PROBE !== '1') {
    process.stdout.write(`listening ${server.address().port}\n`);
    return;
  }
  // performance.now() counts from the start of the process, preloads included.
  const listenMs = performance.now();
  const port = server.address().port;
  http.get({ host: '127.0.0.1', port, path: '/users/42', agent: false }, (res) => {
    res.resume();
    res.on('end', () => {
      const firstResponseMs = performance.now();
      const probe = {
        listenMs,
        firstResponseMs,
        status: res.statusCode,
        cjsModules: Object.keys(require.cache).length,
      };
      process.stdout.write(`${JSON.stringify({ probe })}\n`);
      process.exit(0);
    });
  });
});
