import type { Attributes } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { HistogramFamily, HistogramSeries } from './HistogramFamily.js';
import { ATTR } from './names.js';

const BOUNDARIES = [0.005, 0.01, 0.1, 1];

function family(limit: number) {
  const made: Attributes[] = [];
  const f = new HistogramFamily<string, number, undefined>(BOUNDARIES, limit, (method, route, status) => {
    const attributes = { method, route, status };
    made.push(attributes);
    return attributes;
  });
  return { f, made };
}

/** Leaves of the nested lookup maps: how many series the family can find without overflow. */
function indexedSeries(f: HistogramFamily<string, number, undefined>): number {
  const root = (f as unknown as { root: Map<unknown, Map<unknown, Map<unknown, unknown[]>>> }).root;
  let n = 0;
  for (const byB of root.values())
    for (const byC of byB.values()) for (const arr of byC.values()) n += arr.filter(Boolean).length;
  return n;
}

function mapSizes(f: HistogramFamily<string, number, undefined>): number {
  const root = (f as unknown as { root: Map<unknown, Map<unknown, Map<unknown, unknown[]>>> }).root;
  let n = root.size;
  for (const byB of root.values()) {
    n += byB.size;
    for (const byC of byB.values()) n += byC.size;
  }
  return n;
}

describe('HistogramSeries', () => {
  it('puts a value equal to a boundary in that bucket (le is inclusive)', () => {
    const s = new HistogramSeries({}, BOUNDARIES);
    for (const v of BOUNDARIES) s.record(v);
    expect(Array.from(s.counts)).toEqual([1, 1, 1, 1, 0]);
  });

  it('puts a value just above a boundary in the next bucket, and above the last in +Inf', () => {
    const s = new HistogramSeries({}, BOUNDARIES);
    s.record(0.005000001);
    s.record(0.010000001);
    s.record(1.000001);
    s.record(10_000);
    expect(Array.from(s.counts)).toEqual([0, 1, 1, 0, 2]);
  });

  it('puts zero and values below the first boundary in the first bucket', () => {
    const s = new HistogramSeries({}, BOUNDARIES);
    s.record(0);
    s.record(0.001);
    expect(Array.from(s.counts)).toEqual([2, 0, 0, 0, 0]);
  });

  it('keeps count, sum, min and max exact', () => {
    const s = new HistogramSeries({}, BOUNDARIES);
    for (const v of [0.5, 0.002, 3]) s.record(v);
    expect(s.count).toBe(3);
    expect(s.sum).toBeCloseTo(3.502, 12);
    expect(s.min).toBe(0.002);
    expect(s.max).toBe(3);
  });
});

describe('HistogramFamily', () => {
  it('returns the same series for the same attribute values and builds its attributes once', () => {
    const { f, made } = family(10);
    const a = f.series(0, '/users/:id', 200, undefined);
    const b = f.series(0, '/users/:id', 200, undefined);
    expect(b).toBe(a);
    expect(f.series(1, '/users/:id', 200, undefined)).not.toBe(a);
    expect(f.series(0, '/users/:id', 404, undefined)).not.toBe(a);
    expect(f.series(0, '/posts', 200, undefined)).not.toBe(a);
    expect(made).toHaveLength(4);
    expect(Object.isFrozen(a.attributes)).toBe(true);
  });

  it('past the limit, records new attribute sets into one overflow series', () => {
    const { f } = family(3);
    const kept = [0, 1, 2].map((i) => f.series(0, `/r${i}`, 200, undefined));
    const over1 = f.series(0, '/r3', 200, undefined);
    const over2 = f.series(5, '/r4', 500, undefined);
    expect(over2).toBe(over1);
    expect(kept).not.toContain(over1);
    expect(over1.attributes).toEqual({ [ATTR.overflow]: true });
    expect(f.all()).toHaveLength(4);
    expect(f.all()[3]).toBe(over1);
  });

  it('still finds the series kept before the limit', () => {
    const { f } = family(2);
    const first = f.series(0, '/a', 200, undefined);
    f.series(0, '/b', 200, undefined);
    f.series(0, '/c', 200, undefined);
    expect(f.series(0, '/a', 200, undefined)).toBe(first);
  });

  it('keeps totals exact across kept and overflow series', () => {
    const { f } = family(5);
    let recorded = 0;
    let total = 0;
    for (let i = 0; i < 1000; i++) {
      const value = (i % 37) / 10;
      f.series(i % 3, `/route/${i % 50}`, 200 + (i % 4), undefined).record(value);
      recorded++;
      total += value;
    }
    const all = f.all();
    expect(all).toHaveLength(6);
    expect(all.reduce((n, s) => n + s.count, 0)).toBe(recorded);
    expect(all.reduce((n, s) => n + s.counts.reduce((a, b) => a + b, 0), 0)).toBe(recorded);
    expect(all.reduce((n, s) => n + s.sum, 0)).toBeCloseTo(total, 6);
  });

  it('does not grow its lookup maps or build attributes past the limit', () => {
    const { f, made } = family(10);
    for (let i = 0; i < 10; i++) f.series(i % 2, `/r${i}`, 200, undefined);
    const sizeAtLimit = mapSizes(f);
    expect(indexedSeries(f)).toBe(10);
    for (let i = 0; i < 5000; i++) f.series(i % 9, `/unique/${i}`, 100 + (i % 400), undefined).record(0.01);
    expect(indexedSeries(f)).toBe(10);
    expect(mapSizes(f)).toBe(sizeAtLimit);
    expect(made).toHaveLength(10);
    expect(f.all()).toHaveLength(11);
  });

  it('has no series, not even an overflow one, before anything is recorded', () => {
    const { f } = family(1);
    expect(f.all()).toHaveLength(0);
  });
});
