import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { flattenTruncatedAttributes } from './flattenTruncatedAttributes.js';

describe('flattenTruncatedAttributes', () => {
  it('replaces values cut to the limit (attributes, events, links, arrays) by equal strings, and leaves the rest', () => {
    const cut = 'x'.repeat(100_000).substring(0, 8);
    const short = 'abc';
    const span = {
      attributes: { cut, short, n: 1, list: [cut, short] },
      events: [{ name: 'e', attributes: { cut } }, { name: 'no attributes' }],
      links: [{ context: {}, attributes: { cut } }],
    } as unknown as ReadableSpan;
    flattenTruncatedAttributes(8).onEnd(span);
    expect(span.attributes).toEqual({ cut: 'xxxxxxxx', short: 'abc', n: 1, list: ['xxxxxxxx', 'abc'] });
    expect(span.events[0]?.attributes).toEqual({ cut: 'xxxxxxxx' });
    expect(span.links[0]?.attributes).toEqual({ cut: 'xxxxxxxx' });
    // Untouched values are the very same strings.
    expect((span.attributes as Record<string, unknown>).short).toBe(short);
  });
});
