import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { sdkTrace } from '../lazyPackages.js';
import { withUnrefTimers } from '../otlp/unrefTimers.js';

type Options = ConstructorParameters<typeof BatchSpanProcessor>[0];

/**
 * The upstream batch span processor, with two changes to how it runs an export:
 * - the timer it arms for each export (the export timeout) is unref'd: while an export hangs at a
 *   blackholed collector, a process that has finished its work (a graceful shutdown that closed its
 *   server) exits instead of waiting for that timer;
 * - the export runs in the root context, not in the context of whichever request's span happened to
 *   trigger it: the exporter's keep-alive socket would otherwise hold that request's context (its span,
 *   and through a truncated attribute the whole original value, megabytes maybe) for as long as it lives.
 * `_flushOneBatch` is the SDK's internal method; when it is missing (another version), the processor is
 * used as it is.
 */
export function createBatchSpanProcessor(options: Options): BatchSpanProcessor {
  const processor = new (sdkTrace().BatchSpanProcessor)(options);
  const internal = processor as unknown as { _flushOneBatch?: () => Promise<void> };
  const flushOne = internal._flushOneBatch;
  if (typeof flushOne === 'function')
    internal._flushOneBatch = () =>
      context.with(ROOT_CONTEXT, () => withUnrefTimers(() => flushOne.call(processor)));
  return processor;
}
