import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';

/** A copy of `value` that shares no memory with it. */
function copyOf(value: string): string {
  return Buffer.from(value, 'utf16le').toString('utf16le');
}

function flatten(attributes: Attributes | undefined, limit: number): void {
  if (attributes === undefined) return;
  const writable = attributes as Record<string, unknown>;
  for (const key in writable) {
    const value = writable[key];
    if (typeof value === 'string') {
      if (value.length === limit) writable[key] = copyOf(value);
    } else if (Array.isArray(value) && value.some((v) => typeof v === 'string' && v.length === limit)) {
      writable[key] = value.map((v) => (typeof v === 'string' && v.length === limit ? copyOf(v) : v));
    }
  }
}

/**
 * Runs before the batch processor. The SDK cuts an attribute value to the length limit with `substring`,
 * which in V8 keeps the whole original string alive behind the cut one: a 10 MB value stays 10 MB for as
 * long as the span lives, and an idle keep-alive connection keeps its last request's context (and so its
 * span) until it closes. A value cut to the limit is replaced at the span's end by a copy that shares
 * nothing with the original, so the original can be collected with the request.
 */
export function flattenTruncatedAttributes(limit: number): SpanProcessor {
  return {
    onStart() {},
    onEnd(span: ReadableSpan) {
      flatten(span.attributes, limit);
      for (const event of span.events) flatten(event.attributes, limit);
      for (const link of span.links) flatten(link.attributes, limit);
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
