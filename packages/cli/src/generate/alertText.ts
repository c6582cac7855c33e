/**
 * Alert annotations are written once, as functions of an {@link AlertText}: rendered with
 * {@link templateText} they are Prometheus templates; rendered with {@link renderedText} they are what
 * Prometheus prints for given values, which the generated rule tests expect.
 */

/** How `$value` is shown: the Prometheus template function used for it. */
export type ValueFormat = 'percent' | 'duration' | 'number' | 'fixed2';

export interface AlertText {
  value(format: ValueFormat): string;
  label(name: string): string;
}

const TEMPLATE_FORMAT: Record<ValueFormat, string> = {
  percent: '{{ $value | humanizePercentage }}',
  duration: '{{ $value | humanizeDuration }}',
  number: '{{ $value | humanize }}',
  fixed2: '{{ printf "%.2f" $value }}',
};

/** Renders annotations as Prometheus alert templates. */
export const templateText: AlertText = {
  value: (format) => TEMPLATE_FORMAT[format],
  label: (name) => `{{ $labels.${name} }}`,
};

/** Renders annotations as Prometheus would for this value and these labels. */
export function renderedText(value: number, labels: Readonly<Record<string, string>>): AlertText {
  return {
    value: (format) => formatValue(value, format),
    label: (name) => labels[name] ?? '',
  };
}

/** Go's `%.4g` for the finite values alerts show (no exponent form below 1e4 or above 1e-4). */
function g4(v: number): string {
  if (v === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(4)))));
  if (exponent < -4 || exponent >= 4)
    throw new Error(`alert value ${v} is outside the range the tests render`);
  return String(Number(v.toPrecision(4)));
}

/** Prometheus's humanizeDuration for values under a minute. */
function humanizeDuration(v: number): string {
  if (v === 0) return '0s';
  if (Math.abs(v) >= 60) throw new Error(`alert value ${v}s is outside the range the tests render`);
  if (Math.abs(v) >= 1) return `${g4(v)}s`;
  let scaled = v;
  let prefix = '';
  for (const p of ['m', 'u', 'n']) {
    if (Math.abs(scaled) >= 1) break;
    prefix = p;
    scaled *= 1000;
  }
  return `${g4(scaled)}${prefix}s`;
}

/** Prometheus's humanize for values in 1 .. 1000 (what the tests use) and 0. */
function humanize(v: number): string {
  if (v === 0 || (Math.abs(v) >= 1 && Math.abs(v) < 1000)) return g4(v);
  throw new Error(`alert value ${v} is outside the range the tests render`);
}

function formatValue(v: number, format: ValueFormat): string {
  switch (format) {
    case 'percent':
      return `${g4(v * 100)}%`;
    case 'duration':
      return humanizeDuration(v);
    case 'number':
      return humanize(v);
    case 'fixed2':
      return v.toFixed(2);
  }
}
