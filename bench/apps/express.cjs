'use strict';
// The benchmark's Express 5 server (default settings): GET /users/:id answers a short text body.
// Same options as http.cjs (PORT, BENCH_PROM_CLIENT, STARTUP_PROBE, BENCH_CPU_PROF).
// Everything lives in this one file so that the bare app loads only itself and Express.
const http = require('node:http');
const express = require('express');

const BODY = 'hello world\n';
const app = express();

if (process.env.BENCH_PROM_CLIENT === '1') {
  const promClient = require('prom-client');
  promClient.collectDefaultMetrics();
  const requestDuration = new promClient.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds',
    labelNames: ['method', 'route', 'status_code'],
  });
  app.use((req, res, next) => {
    const end = requestDuration.startTimer();
    res.on('finish', () => {
      // req.route is the matched route (top level here, so baseUrl is empty).
      const route = req.route ? req.baseUrl + req.route.path : 'unmatched';
      end({ method: req.method, route, status_code: res.statusCode });
    });
    next();
  });
  app.get('/metrics', async (_req, res) => {
    res.set('content-type', promClient.register.contentType);
    res.end(await promClient.register.metrics());
  });
}

app.get('/users/:id', (_req, res) => {
  res.type('text/plain').send(BODY);
});

if (process.env.BENCH_CPU_PROF === '1') process.on('SIGUSR2', () => process.exit(0));

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
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
