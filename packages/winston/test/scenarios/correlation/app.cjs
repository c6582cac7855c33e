// An HTTP server whose requests each run in their own span and log across await, timers, promise
// chains and setImmediate. SLOW_TRANSPORT=1 adds a transport that holds each record, so winston's streams
// back up and format records later, outside the request that wrote them.
const http = require('node:http');
const TransportStream = require('winston-transport');
const { installTracing } = require('../../support/tracing.cjs');

const inSpan = installTracing();

// Made loud on purpose: the tests check that nothing signalkit does ends up here.
for (const event of ['unhandledRejection', 'uncaughtException']) {
  process.on(event, (error) => {
    process.stderr.write(`UNHANDLED ${event}: ${error?.stack ?? error}\n`);
    process.exit(70);
  });
}
const { createLogger } = require('@signalkit/winston');

class SlowTransport extends TransportStream {
  constructor() {
    super({ highWaterMark: 1 });
  }
  log(_info, callback) {
    setTimeout(callback, 2);
  }
}

const logger = createLogger({ transports: process.env.SLOW_TRANSPORT === '1' ? [new SlowTransport()] : [] });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const jitter = () => Math.floor(Math.random() * 15);

const server = http.createServer((req, res) => {
  const requestId = new URL(req.url, 'http://x').searchParams.get('id');
  inSpan('GET /work', async (span) => {
    logger.info('start', { requestId });
    await sleep(jitter());
    logger.info('after await', { requestId });
    await new Promise((resolve) =>
      setTimeout(() => {
        logger.info('in timer', { requestId });
        resolve();
      }, jitter()),
    );
    await Promise.resolve()
      .then(() => logger.info('in then', { requestId }))
      .then(() => sleep(jitter()))
      .then(() => logger.warn('end of chain', { requestId }));
    await new Promise((resolve) =>
      setImmediate(() => {
        logger.info('in immediate', { requestId });
        resolve();
      }),
    );
    res.setHeader('x-trace-id', span.spanContext().traceId);
    res.end('ok');
  }).catch((error) => {
    res.statusCode = 500;
    res.end(String(error));
  });
});

logger.info('outside any span');
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stderr.write(`listening ${server.address().port}\n`);
});
