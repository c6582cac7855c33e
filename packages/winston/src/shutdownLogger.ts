import type { Logger } from 'winston';
import { type FlushOptions, OTLP_TRANSPORT, type OtlpLogTransport } from './transports/OtlpLogTransport.js';

function isOtlpTransport(transport: unknown): transport is OtlpLogTransport {
  return (
    transport !== null &&
    typeof transport === 'object' &&
    (transport as Record<symbol, unknown>)[OTLP_TRANSPORT] === true
  );
}

/**
 * Flushes the records still queued for OTLP export and closes the logger. Bounded by `timeoutMillis`
 * (default `SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS` or 5000); never rejects. Call it before the process exits,
 * e.g. from your SIGTERM handler (signalkit adds none). `logger.close()` starts the same flush without
 * waiting for it.
 */
export async function shutdownLogger(logger: Logger, options: FlushOptions = {}): Promise<void> {
  let transports: unknown[] = [];
  try {
    transports = [...logger.transports];
  } catch {
    // A logger already torn down: nothing to flush.
  }
  const flushes = transports.filter(isOtlpTransport).map((transport) => transport.shutdown(options));
  try {
    logger.close();
  } catch {
    // Closing is best effort.
  }
  await Promise.all(flushes);
}
