import { parser } from '@grafana/lezer-logql';

/**
 * A syntax check of LogQL with Grafana's own grammar (@grafana/lezer-logql, the parser Grafana's Loki query
 * editor uses; no Loki binary runs here). The grammar accepts any string as a regular expression, so each
 * regex of a matcher (`=~`, `!~`) or line filter (`|~`, `!~`) must also compile (RE2's leading `(?i)` read as
 * the `i` flag). Throws on the first error, naming its position.
 */
export function checkLogQL(query: string): void {
  const tree = parser.parse(query);
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      const at = cursor.from;
      throw new Error(
        `LogQL syntax error at ${at}: ${JSON.stringify(query.slice(Math.max(0, at - 20), at + 20))}`,
      );
    }
    if (cursor.name === 'Re' || cursor.name === 'Nre' || cursor.name === 'PipeMatch') {
      const node = cursor.node;
      const string = node.nextSibling?.name === 'String' ? node.nextSibling : node.parent?.nextSibling;
      if (string?.name === 'String') compileRegex(unquote(query.slice(string.from, string.to)));
    }
  } while (cursor.next());
}

function unquote(literal: string): string {
  return literal.startsWith('`') ? literal.slice(1, -1) : (JSON.parse(literal) as string);
}

function compileRegex(pattern: string): void {
  const insensitive = pattern.startsWith('(?i)');
  try {
    new RegExp(insensitive ? pattern.slice(4) : pattern, insensitive ? 'i' : '');
  } catch (error) {
    throw new Error(`LogQL regex ${JSON.stringify(pattern)} does not compile: ${(error as Error).message}`);
  }
}
