import { diagnostics } from '../diagnostics/diagnostics.js';

/**
 * @opentelemetry/instrumentation-winston, when active with its default "log sending", adds an
 * `OpenTelemetryTransportV3` (from @opentelemetry/winston-transport) to every winston logger it sees
 * configured. That transport sends each record to the global LoggerProvider: with signalkit's OTLP export
 * on too, every record would reach the collector twice, the second time without redaction. So, when
 * signalkit exports a logger's records itself, that transport is taken off the logger (once, with one info
 * line). Its other feature, trace fields injected into the record, is harmless: signalkit writes the same
 * `trace_id`, `span_id` and `trace_flags` from the same context, over them.
 *
 * To keep the upstream transport instead, turn signalkit's export off (`otlp: false`); to silence this,
 * configure the instrumentation with `disableLogSending: true`.
 */
const UPSTREAM_TRANSPORT = 'OpenTelemetryTransportV3';

interface LoggerLike {
  readonly transports: readonly unknown[];
  remove(transport: unknown): unknown;
}

function isUpstreamTransport(transport: unknown): boolean {
  if (transport === null || typeof transport !== 'object') return false;
  const name = (transport as { constructor?: { name?: unknown } }).constructor?.name;
  // winston wraps transports of the older API in a LegacyTransportStream holding the original.
  const inner = (transport as { transport?: { constructor?: { name?: unknown } } }).transport?.constructor
    ?.name;
  return name === UPSTREAM_TRANSPORT || inner === UPSTREAM_TRANSPORT;
}

/** Removes the upstream OpenTelemetry transports of a logger; returns how many were removed. */
export function removeUpstreamTransports(logger: LoggerLike): number {
  let removed = 0;
  for (const transport of [...logger.transports]) {
    if (!isUpstreamTransport(transport)) continue;
    try {
      logger.remove(transport);
      removed++;
    } catch {
      // Not removable: records may then be exported twice; nothing else breaks.
    }
  }
  if (removed > 0)
    diagnostics.info(
      'upstream-transport',
      'removed the OpenTelemetryTransportV3 that @opentelemetry/instrumentation-winston added: signalkit exports these log records itself (set disableLogSending: true on the instrumentation to avoid this)',
    );
  return removed;
}
