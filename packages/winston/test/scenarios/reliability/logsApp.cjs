// A service logging with @signalkit/winston (OTLP configured by the environment):
//   GET /log?n=N   writes N records
//   GET /hostile   writes records whose messages and metadata carry CR/LF, ANSI escapes and a forged line
//   GET /stats     unhandled rejections and uncaught exceptions seen so far
// With APP_EXIT_CODE=<n> it has its own SIGTERM listener, as a graceful server does: it stops serving,
// sets that exit code and lets the event loop drain. Anything that escapes is printed loudly on stderr.
const http = require('node:http');
const { createLogger } = require('@signalkit/winston');

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

const logger = createLogger({ serviceName: 'logs-faults' });

const HOSTILE = [
  'user said\r\n{"level":"error","message":"forged"}',
  '\u001b[31mred\u001b[0m and a bell\u0007',
  'tab\tand\u0000nul and \u009b2J',
];

let written = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/log') {
    const n = Number(url.searchParams.get('n') ?? 1);
    for (let i = 0; i < n; i++) logger.info('work', { i: written++ });
    res.end(String(written));
    return;
  }
  if (url.pathname === '/hostile') {
    for (const message of HOSTILE) {
      logger.warn(message, { detail: `meta\r\nline\u001b[2J`, n: written++ });
    }
    res.end(String(written));
    return;
  }
  if (url.pathname === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ unhandled, uncaught, written }));
    return;
  }
  res.statusCode = 404;
  res.end();
});

if (process.env.APP_EXIT_CODE !== undefined) {
  process.on('SIGTERM', () => {
    process.exitCode = Number(process.env.APP_EXIT_CODE);
    server.close();
    server.closeAllConnections();
  });
}

server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stderr.write(`listening ${server.address().port}\n`);
});
