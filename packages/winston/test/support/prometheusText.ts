/** One sample of the Prometheus text format. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function unescapeLabel(value: string): string {
  return value.replace(/\\(n|\\|")/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** Parses the Prometheus text format (0.0.4) into samples; comments are skipped. */
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( \d+)?$/.exec(line);
    if (match === null) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
    for (let m = labelRe.exec(match[3] ?? ''); m !== null; m = labelRe.exec(match[3] ?? ''))
      labels[m[1] as string] = unescapeLabel(m[2] as string);
    samples.push({ name: match[1] as string, labels, value: Number(match[4]) });
  }
  return samples;
}

/** The value of the one sample of `name` whose labels include `match`; 0 when there is none. */
export function sampleValue(samples: Sample[], name: string, match: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v),
  );
  if (found.length > 1) throw new Error(`${found.length} samples match ${name} ${JSON.stringify(match)}`);
  return found[0]?.value ?? 0;
}
