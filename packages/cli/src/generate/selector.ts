/** A PromQL label matcher: `name="value"` (`=`, `!=`, `=~`, `!~`). */
export type Matcher = readonly [name: string, op: '=' | '!=' | '=~' | '!~', value: string];

/** `metric{a="1",b=~"2"}`; values are escaped as PromQL strings. */
export function selector(metric: string, matchers: readonly Matcher[] = []): string {
  if (matchers.length === 0) return metric;
  return `${metric}{${matchers.map(([n, op, v]) => `${n}${op}${JSON.stringify(v)}`).join(', ')}}`;
}

/** Escapes a literal for use inside a PromQL regular expression matcher. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The matcher for one histogram bucket bound. Whole numbers match both spellings: `le="1"` as the SDK
 * writes it and `le="1.0"` as Prometheus 3 stores classic-histogram bounds after normalising them.
 */
export function leMatcher(bound: number): Matcher {
  const text = String(bound);
  return Number.isInteger(bound) ? ['le', '=~', `${regexLiteral(text)}(\\.0)?`] : ['le', '=', text];
}

/** The job matcher of a service's rules. */
export function jobMatcher(service: string): Matcher {
  return ['job', '=', service];
}
