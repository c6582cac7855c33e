// A service for the reliability scenarios, configured by the environment only. It calls
// initObservability() itself and serves, besides its own routes, what the tests need to look inside:
//   GET /work/:n            setRoute('/work/:n'), answers ok (?slow=ms answers after that long)
//   GET /route?t=<template> setRoute(req, template): a hostile app feeding unique templates
//   GET /status/:code       answers with that status code (no route)
//   GET /attrs?kind=big|many  puts a 10 MB attribute value, or 10k attributes, on the server span
//   GET /flush?timeout=ms   handle.forceFlush({ timeoutMillis }), answers how long it took
//   GET /shutdown           handle.shutdown(), answers how long it took
//   GET /stats              process.memoryUsage() after a full GC (with --expose-gc), unhandled/uncaught counts
// Anything signalkit lets escape is counted and printed loudly on stderr. With APP_EXIT_CODE=<n>, the app has
// its own SIGTERM/SIGINT listener, as a graceful server does: it stops serving, sets that exit code and
// lets the event loop drain.
const http = require('node:http');
const { trace } = require('@opentelemetry/api');
const { initObservability, setRoute } = require('@signalkit/node');

const handle = initObservability();
let unhandled = 0;
let uncaught = 0;
process.on('unhandledRejection', (reason) => {
  unhandled++;
  process.stderr.write(`UNHANDLED rejection: ${reason?.stack ?? reason}\n`);
});
process.on('uncaughtException', (error) => {
  uncaught++;
  process.stderr.write(`UNCAUGHT exception: ${error?.stack ?? error}\n`);
});

function json(res, value) {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
}

async function timed(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const BIG = 10 * 1024 * 1024;

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const parts = url.pathname.split('/');
  switch (parts[1]) {
    case 'work': {
      setRoute(req, '/work/:n');
      const slow = Number(url.searchParams.get('slow') ?? 0);
      if (slow > 0) await new Promise((r) => setTimeout(r, slow));
      res.end('ok');
      return;
    }
    case 'route':
      setRoute(req, url.searchParams.get('t') ?? '/none');
      res.end('ok');
      return;
    case 'status':
      res.statusCode = Number(parts[2]);
      res.end();
      return;
    case 'attrs': {
      setRoute(req, '/attrs');
      const span = trace.getActiveSpan();
      if (url.searchParams.get('kind') === 'big') {
        span?.setAttribute('app.big', 'x'.repeat(BIG));
        span?.addEvent('big event', { 'app.big': 'y'.repeat(BIG) });
      } else {
        for (let i = 0; i < 10_000; i++) span?.setAttribute(`app.attr.${i}`, `value-${i}`);
      }
      res.end(span === undefined ? 'no span' : 'ok');
      return;
    }
    case 'flush': {
      const timeoutMillis = Number(url.searchParams.get('timeout') ?? 1000);
      json(res, { millis: await timed(() => handle.forceFlush({ timeoutMillis })) });
      return;
    }
    case 'shutdown':
      json(res, { millis: await timed(() => handle.shutdown()) });
      return;
    case 'stats':
      globalThis.gc?.();
      json(res, { ...process.memoryUsage(), unhandled, uncaught });
      return;
    default:
      res.statusCode = 404;
      res.end();
  }
});
if (process.env.APP_EXIT_CODE !== undefined) {
  const graceful = () => {
    process.exitCode = Number(process.env.APP_EXIT_CODE);
    server.close();
    server.closeAllConnections();
  };
  process.on('SIGTERM', graceful);
  process.on('SIGINT', graceful);
}

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
