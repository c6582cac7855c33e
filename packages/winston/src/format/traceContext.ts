import { type Context, context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * Set on a record when it is written (`logger.write`), before winston's streams can delay it: the active
 * context and the time. A transport applying backpressure makes winston run formats later, in another
 * request's context; reading the context at write time keeps every line on its own trace.
 */
export const CAPTURED = Symbol.for('signalkit.winston.captured');

/** Where @opentelemetry/instrumentation-winston keeps the context it saw at write time. */
const UPSTREAM_CONTEXT = Symbol.for('opentelemetry.js.contrib.winston.context');

export interface Captured {
  readonly context: Context;
  readonly time: number;
}

type Stamped = { [CAPTURED]?: Captured; [UPSTREAM_CONTEXT]?: Context };

/** The trace fields of a line, as @opentelemetry/instrumentation-winston writes them. */
export interface TraceFields {
  readonly trace_id: string;
  readonly span_id: string;
  /** Two lower-case hex digits (W3C trace-flags), e.g. `"01"` when sampled. */
  readonly trace_flags: string;
}

/** Stamps a record with the active context and the time; called synchronously from `logger.write`. */
export function capture(info: object): void {
  (info as Stamped)[CAPTURED] = { context: context.active(), time: Date.now() };
}

/** The context a record was written in: ours, else instrumentation-winston's, else the active one. */
export function contextOf(info: object): Context {
  const stamped = info as Stamped;
  return stamped[CAPTURED]?.context ?? stamped[UPSTREAM_CONTEXT] ?? context.active();
}

export function timeOf(info: object): number {
  return (info as Stamped)[CAPTURED]?.time ?? Date.now();
}

/** `trace_id`, `span_id` and `trace_flags` of the span in `ctx`, or `undefined` outside a valid span. */
export function traceFieldsOf(ctx: Context): TraceFields | undefined {
  const spanContext = trace.getSpanContext(ctx);
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined;
  return {
    trace_id: spanContext.traceId,
    span_id: spanContext.spanId,
    trace_flags: (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0'),
  };
}
