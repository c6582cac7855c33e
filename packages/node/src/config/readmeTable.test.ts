import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from './envTable.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const SCRIPT = join(ROOT, 'scripts/gen-config-docs.mjs');
const README = join(ROOT, 'README.md');

function check(readme: string) {
  return spawnSync(process.execPath, [SCRIPT, '--check', '--readme', readme], { encoding: 'utf8' });
}

/** The rows between the README markers, as [variable, default, packages that read it]. */
function readmeRows(text: string): [string, string, string][] {
  const start = text.indexOf('<!-- config-table:start -->');
  const end = text.indexOf('<!-- config-table:end -->');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\| `[A-Z0-9_]+` \|/.test(line))
    .map((line) => {
      const cells = line.replace(/^\| /, '').replace(/ \|$/, '').split(' | ');
      const [variable = '', fallback = ''] = cells;
      return [variable.replace(/`/g, ''), fallback.replace(/`/g, ''), cells.at(-1) ?? ''];
    });
}

describe('README configuration table', () => {
  it('is what scripts/gen-config-docs.mjs generates from the envTable.ts files (run pnpm docs:config if not)', () => {
    const result = check(README);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('lists every variable of envTable.ts, in order, with its default, before those only @signalkit/winston reads', () => {
    const rows = readmeRows(readFileSync(README, 'utf8'));
    const nodeRows = rows.filter(([, , packages]) => packages.split(', ').includes('node'));
    expect(nodeRows.map(([variable, fallback]) => [variable, fallback])).toEqual(
      ENV_VARS.map((spec) => [spec.name, spec.default ?? 'none']),
    );
    expect(rows.slice(0, ENV_VARS.length)).toEqual(nodeRows);
    // The variables of packages/winston/src/config/envTable.ts are checked by winston's readmeTable.test.ts.
    expect(rows.slice(ENV_VARS.length).map(([, , packages]) => packages)).toEqual(
      rows.slice(ENV_VARS.length).map(() => 'winston'),
    );
  });

  it('the check fails when the README and the table disagree', () => {
    const original = readFileSync(README, 'utf8');
    const edited = original.replace(
      '| `OTEL_EXPORTER_PROMETHEUS_PORT` | `9464` |',
      '| `OTEL_EXPORTER_PROMETHEUS_PORT` | `9465` |',
    );
    expect(edited).not.toBe(original);
    const copy = join(mkdtempSync(join(tmpdir(), 'signalkit-readme-')), 'README.md');
    writeFileSync(copy, edited);
    const result = check(copy);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('pnpm docs:config');
  });

  it('regenerating changes only the text between the markers', () => {
    const original = readFileSync(README, 'utf8');
    const start = original.indexOf('<!-- config-table:start -->');
    const end = original.indexOf('<!-- config-table:end -->');
    const stale = `${original.slice(0, start)}<!-- config-table:start -->\n| old |\n${original.slice(end)}`;
    const copy = join(mkdtempSync(join(tmpdir(), 'signalkit-readme-')), 'README.md');
    writeFileSync(copy, stale);
    const result = spawnSync(process.execPath, [SCRIPT, '--readme', copy], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(original);
  });
});
