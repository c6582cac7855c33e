import { describe, expect, it } from 'vitest';
import { type Bucket, histogramQuantile } from './histogramQuantile.js';

const inf = Number.POSITIVE_INFINITY;

/** Cumulative buckets from per-bucket counts. */
function cumulative(bounds: number[], counts: number[]): Bucket[] {
  let sum = 0;
  return bounds.map((le, i) => {
    sum += counts[i] ?? 0;
    return { le, count: sum };
  });
}

describe('histogramQuantile (as Prometheus histogram_quantile)', () => {
  it('interpolates linearly inside the bucket the rank falls in', () => {
    // 100 observations: 50 in (0, 1], 50 in (1, 2].
    const buckets = cumulative([1, 2, inf], [50, 50, 0]);
    expect(histogramQuantile(0.5, buckets)).toBe(1);
    expect(histogramQuantile(0.75, buckets)).toBe(1.5);
    expect(histogramQuantile(0.99, buckets)).toBeCloseTo(1.98, 12);
    // The first bucket starts at 0.
    expect(histogramQuantile(0.25, buckets)).toBe(0.5);
  });

  it('gives the highest finite bound when the rank falls in the +Inf bucket', () => {
    const buckets = cumulative([0.1, 0.5, inf], [10, 0, 90]);
    expect(histogramQuantile(0.5, buckets)).toBe(0.5);
  });

  it('matches a worked example with the HTTP duration buckets', () => {
    // 20 requests, all between 0.25 s and 0.5 s: p50 is halfway, p99 near the top of the bucket.
    const bounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, inf];
    const buckets = cumulative(bounds, [0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0]);
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.375, 12);
    expect(histogramQuantile(0.99, buckets)).toBeCloseTo(0.25 + 0.25 * 0.99, 12);
  });

  it('accepts buckets in any order and sums buckets with the same bound', () => {
    const buckets = [
      { le: inf, count: 4 },
      { le: 1, count: 2 },
      { le: 1, count: 0 },
      { le: 2, count: 4 },
    ];
    expect(histogramQuantile(0.5, buckets)).toBe(1);
  });

  it('repairs counts that decrease with the bound', () => {
    const buckets = [
      { le: 1, count: 10 },
      { le: 2, count: 8 },
      { le: inf, count: 10 },
    ];
    expect(histogramQuantile(0.9, buckets)).toBe(0.9);
  });

  it('is NaN without observations or without a +Inf bucket, and infinite outside 0..1', () => {
    expect(histogramQuantile(0.5, cumulative([1, inf], [0, 0]))).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: 1, count: 3 }])).toBeNaN();
    expect(histogramQuantile(0.5, [])).toBeNaN();
    expect(histogramQuantile(-0.1, cumulative([1, inf], [1, 0]))).toBe(Number.NEGATIVE_INFINITY);
    expect(histogramQuantile(1.1, cumulative([1, inf], [1, 0]))).toBe(inf);
  });
});
