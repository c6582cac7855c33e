import { CliError } from '../CliError.js';
/** One sample of the Prometheus text format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed scrape: the samples in order, and the `# TYPE` of each family that declared one. */
export interface PrometheusText {
  readonly samples: readonly Sample[];
  readonly types: ReadonlyMap<string, string>;
}

/** The text is not in the Prometheus exposition format; `line` is 1-based. */
export class PrometheusTextError extends CliError<'not-prometheus'> {
  readonly line: number;
  readonly text: string;

  constructor(line: number, text: string, reason: string) {
    super(
      'not-prometheus',
      `line ${line}: ${reason}: ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text)}`,
    );
    this.name = 'PrometheusTextError';
    this.line = line;
    this.text = text;
  }
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;

/** A sample value: a Go float, including `NaN`, `+Inf`, `-Inf`. */
function parseValue(raw: string): number | undefined {
  switch (raw) {
    case '+Inf':
    case 'Inf':
    case '+inf':
    case 'inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
    case 'nan':
      return Number.NaN;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return undefined;
  return Number(raw);
}

/** Reads one sample line; returns the reason when it is not one. */
function parseSample(line: string): Sample | string {
  let i = 0;
  const at = (k: number) => line.charAt(k);
  if (!NAME_START.test(at(i))) return 'not a metric name';
  while (i < line.length && NAME_CHAR.test(at(i))) i++;
  const name = line.slice(0, i);
  const labels: Record<string, string> = {};
  const skipSpaces = () => {
    while (at(i) === ' ' || at(i) === '\t') i++;
  };
  if (at(i) === '{') {
    i++;
    for (;;) {
      skipSpaces();
      if (at(i) === '}') {
        i++;
        break;
      }
      const start = i;
      if (!LABEL_START.test(at(i))) return 'bad label name';
      while (i < line.length && LABEL_CHAR.test(at(i))) i++;
      const label = line.slice(start, i);
      skipSpaces();
      if (at(i) !== '=') return 'expected = after a label name';
      i++;
      skipSpaces();
      if (at(i) !== '"') return 'expected a quoted label value';
      i++;
      let value = '';
      for (;;) {
        if (i >= line.length) return 'unterminated label value';
        const c = at(i);
        if (c === '"') break;
        if (c === '\\') {
          const e = at(i + 1);
          value += e === 'n' ? '\n' : e;
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      i++;
      labels[label] = value;
      skipSpaces();
      if (at(i) === ',') i++;
      else if (at(i) !== '}') return 'expected , or } after a label';
    }
  }
  if (at(i) !== ' ' && at(i) !== '\t') return 'expected a space before the value';
  skipSpaces();
  // Value, an optional timestamp, and in OpenMetrics an optional exemplar after ` # `.
  const rest = line.slice(i).split(' # ')[0]?.trim() ?? '';
  const [rawValue, timestamp, extra] = rest.split(/[ \t]+/);
  const value = parseValue(rawValue ?? '');
  if (value === undefined) return 'not a number';
  if (extra !== undefined || (timestamp !== undefined && parseValue(timestamp) === undefined))
    return 'unexpected text after the value';
  return { name, labels, value };
}

/**
 * Parses the Prometheus text exposition format (0.0.4, and the OpenMetrics text that endpoints commonly
 * serve): samples, `# TYPE` lines; `# HELP` and other comments are skipped, timestamps and exemplars
 * ignored. Throws {@link PrometheusTextError} at the first line that is none of these, so an HTML page
 * or a JSON body is told apart from a metrics endpoint.
 */
export function parsePrometheusText(text: string): PrometheusText {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^#\s*TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (type !== null) types.set(type[1] as string, type[2] as string);
      if (/^#\s*EOF\s*$/.test(line)) break;
      continue;
    }
    const sample = parseSample(line);
    if (typeof sample === 'string') throw new PrometheusTextError(n + 1, line, sample);
    samples.push(sample);
  }
  return { samples, types };
}
