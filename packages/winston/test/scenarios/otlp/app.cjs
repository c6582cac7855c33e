// Writes one record per level, typed metadata with secrets, an error with a cause and a record inside a
// span; then flushes with shutdownLogger(). The export is configured by the environment only.
const { installTracing } = require('../../support/tracing.cjs');

const inSpan = installTracing();
const { createLogger, shutdownLogger } = require('@signalkit/winston');

const CANARY = process.env.CANARY ?? 'canary';
const logger = createLogger({ level: 'silly' });

async function main() {
  for (const level of ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'])
    logger.log(level, `at ${level}`);
  logger.info('typed', {
    orderId: 42,
    ratio: 0.5,
    ok: true,
    tags: ['a', 'b'],
    nested: { deep: { x: 1 } },
    password: CANARY,
    auth: { token: CANARY },
  });
  logger.error('failed', new Error('boom', { cause: new TypeError('inner') }));
  await inSpan('work', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    logger.info('inside span');
  });
  await shutdownLogger(logger, { timeoutMillis: 10_000 });
}

main();
