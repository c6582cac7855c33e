import { ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing, unsuppressTracing } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { isTracingSuppressed } from './tracingSuppressed.js';

describe('isTracingSuppressed', () => {
  it("reads the key @opentelemetry/core's suppressTracing sets", () => {
    expect(isTracingSuppressed(ROOT_CONTEXT)).toBe(false);
    const suppressed = suppressTracing(ROOT_CONTEXT);
    expect(isTracingSuppressed(suppressed)).toBe(true);
    expect(isTracingSuppressed(unsuppressTracing(suppressed))).toBe(false);
  });
});
