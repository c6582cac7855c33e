/**
 * A syntax check for the LogQL the dashboard uses (no Loki binary runs here): a stream selector, line
 * filters, parser stages, label filters, and range aggregations under vector aggregations. Regular
 * expressions must compile (RE2's leading `(?i)` is read as the `i` flag). Throws on the first error.
 */

type Token = { kind: 'ident' | 'string' | 'number' | 'duration' | 'op' | 'punct'; text: string; at: number };

const OPS = ['|=', '!=', '|~', '!~', '=~', '==', '>=', '<=', '=', '>', '<', '|'];
const RANGE_FUNCTIONS = ['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate', 'absent_over_time'];
const VECTOR_AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'topk', 'bottomk', 'stddev', 'stdvar'];
const PARSERS = [
  'json',
  'logfmt',
  'unpack',
  'pattern',
  'regexp',
  'line_format',
  'label_format',
  'drop',
  'keep',
];

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < query.length && query[j] !== c) {
        if (c === '"' && query[j] === '\\') {
          text += query[j + 1] ?? '';
          j += 2;
        } else text += query[j++];
      }
      if (j >= query.length) throw new Error(`unterminated string at ${i}`);
      tokens.push({ kind: 'string', text, at: i });
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(query.slice(i));
    if (word !== null) {
      tokens.push({ kind: 'ident', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    const duration = /^\d+(ms|s|m|h|d|w|y)/.exec(query.slice(i));
    if (duration !== null) {
      tokens.push({ kind: 'duration', text: duration[0], at: i });
      i += duration[0].length;
      continue;
    }
    const number = /^\d+(\.\d+)?/.exec(query.slice(i));
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], at: i });
      i += number[0].length;
      continue;
    }
    const op = OPS.find((o) => query.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
      continue;
    }
    if ('{}()[],'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, at: i });
      i++;
      continue;
    }
    throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return tokens;
}

function checkRegex(pattern: string, at: number): void {
  const insensitive = pattern.startsWith('(?i)');
  try {
    new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
  } catch (error) {
    throw new Error(`invalid regular expression at ${at}: ${(error as Error).message}`);
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(what: string): Token {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new Error(`expected ${what}, found the end`);
    return t;
  }

  private expect(kind: Token['kind'], text?: string): Token {
    const t = this.next(text ?? kind);
    if (t.kind !== kind || (text !== undefined && t.text !== text)) {
      throw new Error(`expected ${text ?? kind} at ${t.at}, found ${JSON.stringify(t.text)}`);
    }
    return t;
  }

  parse(): void {
    this.query();
    const rest = this.peek();
    if (rest !== undefined) throw new Error(`unexpected ${JSON.stringify(rest.text)} at ${rest.at}`);
  }

  private query(): void {
    const t = this.peek();
    if (t?.kind === 'ident' && VECTOR_AGGREGATIONS.includes(t.text)) this.vectorAggregation();
    else if (t?.kind === 'ident' && RANGE_FUNCTIONS.includes(t.text)) this.rangeAggregation();
    else this.logQuery();
  }

  private vectorAggregation(): void {
    this.next('aggregation');
    const grouping = () => {
      const g = this.peek();
      if (g?.kind === 'ident' && (g.text === 'by' || g.text === 'without')) {
        this.next('by');
        this.expect('punct', '(');
        this.expect('ident');
        while (this.peek()?.text === ',') {
          this.next(',');
          this.expect('ident');
        }
        this.expect('punct', ')');
      }
    };
    grouping();
    this.expect('punct', '(');
    this.query();
    this.expect('punct', ')');
    grouping();
  }

  private rangeAggregation(): void {
    this.next('range function');
    this.expect('punct', '(');
    this.logQuery();
    this.expect('punct', '[');
    this.expect('duration');
    this.expect('punct', ']');
    this.expect('punct', ')');
  }

  private logQuery(): void {
    this.expect('punct', '{');
    this.matcher(['=', '!=', '=~', '!~']);
    while (this.peek()?.text === ',') {
      this.next(',');
      this.matcher(['=', '!=', '=~', '!~']);
    }
    this.expect('punct', '}');
    for (let t = this.peek(); t?.kind === 'op'; t = this.peek()) {
      if (['|=', '!=', '|~', '!~'].includes(t.text)) {
        this.next('line filter');
        const s = this.expect('string');
        if (t.text.endsWith('~')) checkRegex(s.text, s.at);
      } else if (t.text === '|') {
        this.next('|');
        const stage = this.expect('ident');
        if (PARSERS.includes(stage.text)) {
          if (this.peek()?.kind === 'string') this.next('string');
        } else {
          this.i--;
          this.matcher(['=', '!=', '=~', '!~', '==', '>', '>=', '<', '<='], true);
        }
      } else break;
    }
  }

  private matcher(ops: string[], numbers = false): void {
    this.expect('ident');
    const op = this.next('operator');
    if (op.kind !== 'op' || !ops.includes(op.text)) {
      throw new Error(`expected one of ${ops.join(' ')} at ${op.at}, found ${JSON.stringify(op.text)}`);
    }
    const value = this.next('value');
    if (value.kind === 'string') {
      if (op.text.endsWith('~')) checkRegex(value.text, value.at);
    } else if (!(numbers && (value.kind === 'number' || value.kind === 'duration'))) {
      throw new Error(`expected a string at ${value.at}, found ${JSON.stringify(value.text)}`);
    }
  }
}

/** Throws when `query` is not LogQL this checker understands. */
export function checkLogQL(query: string): void {
  new Parser(tokenize(query)).parse();
}
