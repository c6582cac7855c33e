// Summaries over rounds: median with min–max, and number formatting for the tables.

export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summary(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  return {
    median: median(finite),
    min: finite.length ? Math.min(...finite) : Number.NaN,
    max: finite.length ? Math.max(...finite) : Number.NaN,
    n: finite.length,
  };
}

/** `value` with `digits` decimals, or `–` when missing. */
export function fmt(value, digits = 0) {
  if (!Number.isFinite(value)) return '–';
  // A real minus sign, so a negative bound reads clearly inside a "min–max" range.
  return value < 0 ? `−${(-value).toFixed(digits)}` : value.toFixed(digits);
}

/** "median (min–max)", or just the median when there is one value. */
export function fmtRange(s, digits = 0) {
  if (s.n === 0) return '–';
  if (s.n === 1 || s.min === s.max) return fmt(s.median, digits);
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

/** A signed difference: "+12.3" or "−4.0". */
export function fmtDelta(value, digits = 0) {
  if (!Number.isFinite(value)) return '–';
  const text = Math.abs(value).toFixed(digits);
  return value < 0 ? `−${text}` : `+${text}`;
}

export const MIB = 1024 * 1024;
