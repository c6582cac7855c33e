import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { withUnrefTimers } from '../otlp/unrefTimers.js';

type Options = ConstructorParameters<typeof BatchSpanProcessor>[0];

/**
 * The upstream batch span processor, except that the timer it arms for each export (the export timeout)
 * is unref'd: while an export hangs at a blackholed collector, a process that has finished its work (a
 * graceful shutdown that closed its server) exits instead of waiting for that timer. `_flushOneBatch` is
 * the SDK's internal method; when it is missing (another version), the processor is used as it is.
 */
export function createBatchSpanProcessor(options: Options): BatchSpanProcessor {
  const processor = new BatchSpanProcessor(options);
  const internal = processor as unknown as { _flushOneBatch?: () => Promise<void> };
  const flushOne = internal._flushOneBatch;
  if (typeof flushOne === 'function')
    internal._flushOneBatch = () => withUnrefTimers(() => flushOne.call(processor));
  return processor;
}
