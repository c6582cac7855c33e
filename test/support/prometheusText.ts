/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function unescapeLabel(value: string): string {
  return value.replace(/\\(n|\\|")/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Parses the Prometheus text format (0.0.4) into samples; comments are skipped. Strict enough for tests. */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[3] ?? '';
    const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
    let consumed = 0;
    for (let m = labelRe.exec(body); m !== null; m = labelRe.exec(body)) {
      labels[m[1] as string] = unescapeLabel(m[2] as string);
      consumed += m[0].length;
    }
    if (consumed !== body.length) throw new Error(`bad labels: ${line}`);
    const raw = match[4] as string;
    const value =
      raw === '+Inf' ? Number.POSITIVE_INFINITY : raw === '-Inf' ? Number.NEGATIVE_INFINITY : Number(raw);
    samples.push({ name: match[1] as string, labels, value });
  }
  return samples;
}

/** Samples of one metric whose labels include `match`. */
export function select(
  samples: Sample[],
  name: string,
  match: Record<string, string | undefined> = {},
): Sample[] {
  return samples.filter(
    (s) =>
      s.name === name &&
      Object.entries(match).every(([k, v]) => (v === undefined ? !(k in s.labels) : s.labels[k] === v)),
  );
}

/** The value of the single sample matching, or 0 when there is none. */
export function sampleValue(
  samples: Sample[],
  name: string,
  match: Record<string, string | undefined> = {},
): number {
  const found = select(samples, name, match);
  if (found.length > 1) throw new Error(`${found.length} samples match ${name} ${JSON.stringify(match)}`);
  return found[0]?.value ?? 0;
}
