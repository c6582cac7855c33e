/** One cumulative bucket: `count` observations were <= `le`. */
export interface Bucket {
  readonly le: number;
  readonly count: number;
}

/**
 * The q-quantile (0 <= q <= 1) of a histogram from its cumulative buckets, the way Prometheus'
 * `histogram_quantile()` estimates it: find the bucket the rank falls in and interpolate linearly
 * inside it (from 0 for the first bucket). A rank in the `+Inf` bucket gives the highest finite bound.
 * NaN when there are no observations or no `+Inf` bucket.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const sorted = coalesce([...buckets].sort((a, b) => a.le - b.le));
  const last = sorted[sorted.length - 1];
  if (sorted.length < 2 || last === undefined || last.le !== Number.POSITIVE_INFINITY) return Number.NaN;
  ensureMonotonic(sorted);
  const observations = last.count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  let b = sorted.findIndex((bucket, i) => i < sorted.length - 1 && bucket.count >= rank);
  if (b === -1) b = sorted.length - 1;
  if (b === sorted.length - 1) return (sorted[sorted.length - 2] as Bucket).le;
  const bucket = sorted[b] as Bucket;
  if (b === 0 && bucket.le <= 0) return bucket.le;
  let start = 0;
  let count = bucket.count;
  if (b > 0) {
    const previous = sorted[b - 1] as Bucket;
    start = previous.le;
    count -= previous.count;
    rank -= previous.count;
  }
  return start + (bucket.le - start) * (rank / count);
}

/** Buckets with the same bound (from several series) summed into one. */
function coalesce(sorted: Bucket[]): { le: number; count: number }[] {
  const out: { le: number; count: number }[] = [];
  for (const bucket of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && last.le === bucket.le) last.count += bucket.count;
    else out.push({ le: bucket.le, count: bucket.count });
  }
  return out;
}

/**
 * Cumulative counts never decrease; scrapes racing with recording, or deltas across a restart, can
 * make them look so. As Prometheus does, carry the highest count seen forward.
 */
function ensureMonotonic(buckets: { count: number }[]): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const bucket of buckets) {
    if (bucket.count > max) max = bucket.count;
    else bucket.count = max;
  }
}
