import { hrTime, hrTimeToMicroseconds } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { hrTimeNow } from './hrTime.js';

describe('hrTimeNow', () => {
  it("is the SDK's hrTime(): seconds and nanoseconds since the epoch", () => {
    const before = hrTimeToMicroseconds(hrTime());
    const ours = hrTimeNow();
    const after = hrTimeToMicroseconds(hrTime());
    expect(Number.isInteger(ours[0]) && Number.isInteger(ours[1])).toBe(true);
    expect(ours[1]).toBeGreaterThanOrEqual(0);
    expect(ours[1]).toBeLessThan(1e9);
    const micros = hrTimeToMicroseconds(ours);
    expect(micros).toBeGreaterThanOrEqual(before - 1);
    expect(micros).toBeLessThanOrEqual(after + 1);
  });
});
