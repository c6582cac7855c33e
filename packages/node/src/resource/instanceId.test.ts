import { describe, expect, it } from 'vitest';
import { instanceId } from './instanceId.js';

describe('instanceId', () => {
  it('is a version 4 UUID with the RFC 9562 variant', () => {
    for (let i = 0; i < 200; i++)
      expect(instanceId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs from call to call', () => {
    const ids = new Set(Array.from({ length: 10_000 }, instanceId));
    expect(ids.size).toBe(10_000);
  });

  it('differs between calls with the same Math.random sequence (a fixed --random-seed)', () => {
    const random = Math.random;
    try {
      Math.random = () => 0.5;
      const first = instanceId();
      const start = process.hrtime.bigint();
      while (process.hrtime.bigint() === start) {
        // wait for the clock to move
      }
      expect(instanceId()).not.toBe(first);
    } finally {
      Math.random = random;
    }
  });
});
