// A short ESM script with OTLP export on: it must exit by itself (nothing signalkit starts keeps the
// process alive) and, with FLUSH=1, deliver its record through shutdownLogger().
import { createLogger, shutdownLogger } from '@signalkit/winston';

const logger = createLogger({ otlp: true });
logger.info('short script');
if (process.env.FLUSH === '1') await shutdownLogger(logger);
