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

/** The rows between the README markers, as [variable, default] pairs. */
function readmeRows(text: string): [string, string][] {
  const start = text.indexOf('<!-- config-table:start -->');
  const end = text.indexOf('<!-- config-table:end -->');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\| `[A-Z0-9_]+` \|/.test(line))
    .map((line) => {
      const [variable = '', fallback = ''] = line.split(' | ').map((c) => c.replace(/^\| /, ''));
      return [variable.replace(/`/g, ''), fallback] as [string, string];
    })
    .map(([variable, fallback]) => [variable, fallback.replace(/`/g, '')]);
}

describe('README configuration table', () => {
  it('is what scripts/gen-config-docs.mjs generates from envTable.ts (run pnpm docs:config if not)', () => {
    const result = check(README);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('lists every variable of envTable.ts, in order, with its default', () => {
    const rows = readmeRows(readFileSync(README, 'utf8'));
    expect(rows).toEqual(ENV_VARS.map((spec) => [spec.name, spec.default ?? 'none']));
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
