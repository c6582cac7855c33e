// Writes a fixed set of records and exits: the JSON line shape, errors, redaction, forged lines, circular
// and huge metadata, failing transports. CANARY is a secret that must appear nowhere in the output.
const TransportStream = require('winston-transport');
const { createLogger, shutdownLogger } = require('@signalkit/winston');

const CANARY = process.env.CANARY ?? 'canary';

class Throws extends TransportStream {
  log() {
    throw new Error('transport crashed');
  }
}
class EmitsError extends TransportStream {
  log(_info, callback) {
    this.emit('error', new Error('disk full'));
    callback();
  }
}

const transports = process.env.FAILING_TRANSPORTS === '1' ? [new Throws(), new EmitsError()] : [];
const logger = createLogger({ transports });

logger.info('order placed', { orderId: 42, items: [{ sku: 'A1', qty: 2 }] });

const error = new Error('payment declined', {
  cause: new TypeError('socket hang up', { cause: new Error('ECONNRESET') }),
});
error.code = 'E_PAYMENT';
logger.error('charge failed', error);

logger.warn('login attempt', {
  user: 'ada',
  password: CANARY,
  nested: {
    list: [{ apiKey: CANARY }, { headers: { Authorization: `Bearer ${CANARY}`, Cookie: `sid=${CANARY}` } }],
  },
  custom_ssn: CANARY,
  dsn: `postgres://app:${CANARY}@db:5432/orders`,
});

logger.info('user said\r\n{"level":"error","message":"forged"}\u001b[2J\u001b]0;owned\u0007\u001b[31m red');

const circular = { name: 'loop' };
circular.self = circular;
logger.info('circular', circular);

logger.info('huge', { rows: Array.from({ length: 5000 }, (_, i) => ({ i, text: 'x'.repeat(200) })) });

logger.debug('below the level: not written');

shutdownLogger(logger).then(() => process.exitCode ?? 0);
