import type { Attributes } from '@opentelemetry/api';
import { ATTR } from './names.js';

/** One histogram series: pre-bucketed counts, recorded without allocation. */
export class HistogramSeries {
  readonly attributes: Attributes;
  /** Per-bucket (not cumulative) counts; the last one is the +Inf bucket. */
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private readonly boundaries: readonly number[];

  constructor(attributes: Attributes, boundaries: readonly number[]) {
    this.attributes = attributes;
    this.boundaries = boundaries;
    this.counts = new Float64Array(boundaries.length + 1);
  }

  record(value: number): void {
    // A NaN would poison the sum for good; durations are never negative.
    if (!(value >= 0)) return;
    const b = this.boundaries;
    let i = 0;
    // Linear scan: most observations land in the first few buckets, and there are only ~15.
    while (i < b.length && value > (b[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sum += value;
    this.count++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
}

type Level3<A, B, C> = Map<A, Map<B, Map<C, (HistogramSeries | undefined)[]>>>;

/**
 * The series of one histogram instrument, found by walking nested maps keyed by the raw attribute
 * values (no attribute object, string or hash is built per request). Past `limit` series, new attribute
 * sets are recorded into one `otel.metric.overflow=true` series, so totals stay exact and memory bounded.
 */
export class HistogramFamily<A, B, C> {
  readonly boundaries: readonly number[];
  private readonly limit: number;
  private readonly attributesOf: (method: number, a: A, b: B, c: C) => Attributes;
  private readonly root: Level3<A, B, C> = new Map();
  private readonly list: HistogramSeries[] = [];
  private overflowSeries: HistogramSeries | undefined;

  constructor(
    boundaries: readonly number[],
    limit: number,
    attributesOf: (method: number, a: A, b: B, c: C) => Attributes,
  ) {
    this.boundaries = boundaries;
    this.limit = limit;
    this.attributesOf = attributesOf;
  }

  /** The series for these attribute values, created on first use. */
  series(method: number, a: A, b: B, c: C): HistogramSeries {
    const byB = this.root.get(a);
    const byC = byB?.get(b);
    const byMethod = byC?.get(c);
    const found = byMethod?.[method];
    if (found !== undefined) return found;
    if (this.list.length >= this.limit) return this.overflow();
    const created = new HistogramSeries(Object.freeze(this.attributesOf(method, a, b, c)), this.boundaries);
    this.list.push(created);
    if (byMethod !== undefined) {
      byMethod[method] = created;
    } else if (byC !== undefined) {
      byC.set(c, withAt(method, created));
    } else if (byB !== undefined) {
      byB.set(b, new Map([[c, withAt(method, created)]]));
    } else {
      this.root.set(a, new Map([[b, new Map([[c, withAt(method, created)]])]]));
    }
    return created;
  }

  /** Every series, the overflow one last when there is one. */
  all(): readonly HistogramSeries[] {
    return this.overflowSeries === undefined ? this.list : [...this.list, this.overflowSeries];
  }

  private overflow(): HistogramSeries {
    this.overflowSeries ??= new HistogramSeries(Object.freeze({ [ATTR.overflow]: true }), this.boundaries);
    return this.overflowSeries;
  }
}

function withAt(index: number, series: HistogramSeries): (HistogramSeries | undefined)[] {
  const arr: (HistogramSeries | undefined)[] = [];
  arr[index] = series;
  return arr;
}
