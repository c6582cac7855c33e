import { describe, expect, it } from 'vitest';
import { unrefNextTimer, withUnrefTimers } from './unrefTimers.js';

describe('withUnrefTimers', () => {
  it('unrefs the timers armed inside, and restores setTimeout before returning', () => {
    const original = globalThis.setTimeout;
    const inside = withUnrefTimers(() => setTimeout(() => {}, 1000));
    const after = setTimeout(() => {}, 1000);
    expect(inside.hasRef()).toBe(false);
    expect(after.hasRef()).toBe(true);
    expect(globalThis.setTimeout).toBe(original);
    clearTimeout(inside);
    clearTimeout(after);
  });

  it('restores setTimeout when the function throws', () => {
    const original = globalThis.setTimeout;
    expect(() =>
      withUnrefTimers(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(globalThis.setTimeout).toBe(original);
  });
});

describe('unrefNextTimer', () => {
  it('unrefs only the next timer armed in the same synchronous run', () => {
    const original = globalThis.setTimeout;
    unrefNextTimer();
    const next = setTimeout(() => {}, 1000);
    const second = setTimeout(() => {}, 1000);
    expect(next.hasRef()).toBe(false);
    expect(second.hasRef()).toBe(true);
    expect(globalThis.setTimeout).toBe(original);
    clearTimeout(next);
    clearTimeout(second);
  });

  it('restores setTimeout at the next microtask when no timer was armed', async () => {
    const original = globalThis.setTimeout;
    unrefNextTimer();
    await Promise.resolve();
    expect(globalThis.setTimeout).toBe(original);
    const later = setTimeout(() => {}, 1000);
    expect(later.hasRef()).toBe(true);
    clearTimeout(later);
  });
});
