/** A version as three numbers (pre-release tags are ignored: Node.js releases have none). */
export type Version = readonly [number, number, number];

type Op = '>=' | '>' | '<=' | '<' | '=';
type Comparator = readonly [Op, Version];

/** `v22.15.0`, `22.15.0` -> [22, 15, 0]; undefined when it is not a version. */
export function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return match === null ? undefined : [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `22`, `22.x`, `22.1`, `22.1.3`, `*`: the numbers given (wildcards end the list). */
function partial(text: string): number[] | undefined {
  const parts = text
    .replace(/^v/, '')
    .replace(/[-+].*$/, '')
    .split('.');
  const numbers: number[] = [];
  for (const part of parts) {
    if (part === 'x' || part === 'X' || part === '*') break;
    if (!/^\d+$/.test(part)) return undefined;
    numbers.push(Number(part));
  }
  return parts.length > 3 ? undefined : numbers;
}

function floor(p: readonly number[]): Version {
  return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0];
}

/** The first version after every version matching the partial: `22` -> 23.0.0, `22.1` -> 22.2.0. */
function ceiling(p: readonly number[]): Version {
  if (p.length >= 3) return [p[0] as number, p[1] as number, (p[2] as number) + 1];
  if (p.length === 2) return [p[0] as number, (p[1] as number) + 1, 0];
  return [(p[0] as number) + 1, 0, 0];
}

function comparators(token: string): Comparator[] | undefined {
  const match = /^(\^|~|>=|<=|>|<|=)?\s*(.*)$/.exec(token);
  const op = match?.[1] ?? '';
  const p = partial(match?.[2] ?? '');
  if (p === undefined) return undefined;
  if (p.length === 0) return op === '<' || op === '>' ? [['<', [0, 0, 0]]] : [];
  switch (op) {
    case '>=':
      return [['>=', floor(p)]];
    case '>':
      return [p.length === 3 ? ['>', floor(p)] : ['>=', ceiling(p)]];
    case '<':
      return [['<', floor(p)]];
    case '<=':
      return [p.length === 3 ? ['<=', floor(p)] : ['<', ceiling(p)]];
    case '~':
      return [
        ['>=', floor(p)],
        ['<', p.length === 1 ? ceiling(p) : ceiling(p.slice(0, 2))],
      ];
    case '^': {
      const [major = 0, minor, patch] = p;
      const upper: Version =
        major > 0 || minor === undefined
          ? [major + 1, 0, 0]
          : minor > 0 || patch === undefined
            ? [0, minor + 1, 0]
            : [0, 0, patch + 1];
      return [
        ['>=', floor(p)],
        ['<', upper],
      ];
    }
    default:
      return p.length === 3
        ? [['=', floor(p)]]
        : [
            ['>=', floor(p)],
            ['<', ceiling(p)],
          ];
  }
}

function holds([op, bound]: Comparator, version: Version): boolean {
  const c = compare(version, bound);
  return op === '>=' ? c >= 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : op === '<' ? c < 0 : c === 0;
}

/**
 * Whether `version` is in the npm-style `range` (`>=22.12`, `^20.19.0 || >=22.12.0`, `22.x`, `18 - 20`...).
 * Undefined when the range cannot be read: doctor then says so instead of guessing.
 */
export function satisfies(version: string, range: string): boolean | undefined {
  const v = parseVersion(version);
  if (v === undefined) return undefined;
  let any = false;
  for (const set of range.split('||')) {
    const trimmed = set.trim();
    let list: Comparator[] = [];
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(trimmed);
    if (hyphen !== null) {
      const low = partial(hyphen[1] as string);
      const high = partial(hyphen[2] as string);
      if (low === undefined || high === undefined) return undefined;
      list = [['>=', floor(low)]];
      if (high.length > 0) list.push(high.length === 3 ? ['<=', floor(high)] : ['<', ceiling(high)]);
    } else {
      // `>= 22` is one comparator: glue an operator to the version after it.
      const tokens = trimmed
        .replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1')
        .split(/\s+/)
        .filter(Boolean);
      for (const token of tokens) {
        const parsed = comparators(token);
        if (parsed === undefined) return undefined;
        list.push(...parsed);
      }
    }
    if (list.every((comparator) => holds(comparator, v))) any = true;
  }
  return any;
}
