import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from './envTable.js';

// The README table, its generator (scripts/gen-config-docs.mjs) and its --check mode are tested in
// packages/node/src/config/readmeTable.test.ts; this test holds the rows against the winston table.
const README = join(resolve(import.meta.dirname, '../../../..'), 'README.md');

/** The table lines between the README markers. */
function tableLines(): string[] {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf('<!-- config-table:start -->');
  const end = text.indexOf('<!-- config-table:end -->');
  expect(end).toBeGreaterThan(start);
  expect(start).toBeGreaterThan(-1);
  return text.slice(start, end).split('\n');
}

describe('README configuration table: the variables of @signalkit/winston', () => {
  it.each(ENV_VARS.map((spec) => [spec.name, spec] as const))(
    '%s is one row, with its default, read by winston',
    (name, spec) => {
      const rows = tableLines().filter((line) => line.startsWith(`| \`${name}\` |`));
      expect(rows).toHaveLength(1);
      const fallback = spec.default === undefined ? 'none' : `\`${spec.default}\``;
      expect(rows[0]?.startsWith(`| \`${name}\` | ${fallback} |`)).toBe(true);
      expect(rows[0]).toMatch(/ \| (node, )?winston \|$/);
    },
  );
});
