import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/importGraph.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGES = join(ROOT, 'packages');

/** Each workspace package: its name -> its src folder. */
function workspacePackages(): Map<string, string> {
  const packages = new Map<string, string>();
  for (const dir of readdirSync(PACKAGES)) {
    const manifest = JSON.parse(readFileSync(join(PACKAGES, dir, 'package.json'), 'utf8')) as {
      name: string;
    };
    packages.set(manifest.name, join(PACKAGES, dir, 'src'));
  }
  return packages;
}

describe('import cycles', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'signalkit-cycles-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('packages/*/src has none, within a package or across packages', () => {
    const packages = workspacePackages();
    expect(packages.size).toBeGreaterThanOrEqual(3);
    const graph = importGraph([...packages.values()], packages);
    // The graph is real: the files and arrows it must hold are there.
    expect(graph.get(join(PACKAGES, 'node', 'src', 'init.ts'))).toContain(
      join(PACKAGES, 'node', 'src', 'pipelines', 'startPipelines.ts'),
    );
    const cli = [...graph.entries()].filter(([file]) => file.startsWith(join(PACKAGES, 'cli')));
    expect(cli.some(([, targets]) => targets.includes(join(PACKAGES, 'node', 'src', 'internal.ts')))).toBe(
      true,
    );
    const cycles = importCycles(graph, ROOT);
    expect(
      cycles.map((files) => files.join(' <-> ')),
      'import cycles (each line: files that import each other)',
    ).toEqual([]);
  });

  it('finds a cycle of type-only imports, re-exports and dynamic imports, and names its files', () => {
    const src = join(scratch, 'src');
    mkdirSync(join(src, 'a'), { recursive: true });
    writeFileSync(
      join(src, 'a', 'one.ts'),
      "import type { Two } from '../two.js';\nexport type One = Two;\n",
    );
    writeFileSync(join(src, 'two.ts'), "export { three } from './three.js';\nexport type Two = string;\n");
    writeFileSync(join(src, 'three.ts'), "export const three = () => import('./a/one.js');\n");
    // Named only in a comment, and a cycle-free neighbour: neither is an arrow in a cycle.
    writeFileSync(join(src, 'four.ts'), "// import { three } from './three.js';\nimport './two.js';\n");
    const cycles = importCycles(importGraph([src]), scratch);
    expect(cycles).toEqual([['src/a/one.ts', 'src/three.ts', 'src/two.ts']]);
  });

  it('follows a workspace package name to its src folder', () => {
    const pkgA = join(scratch, 'pkg-a', 'src');
    const pkgB = join(scratch, 'pkg-b', 'src');
    mkdirSync(pkgA, { recursive: true });
    mkdirSync(pkgB, { recursive: true });
    writeFileSync(join(pkgA, 'index.ts'), "import { b } from '@x/b/internal';\nexport const a = b;\n");
    writeFileSync(join(pkgB, 'internal.ts'), "import { a } from '@x/a';\nexport const b = () => a;\n");
    const packages = new Map([
      ['@x/a', pkgA],
      ['@x/b', pkgB],
    ]);
    expect(importCycles(importGraph([pkgA, pkgB], packages), scratch)).toEqual([
      ['pkg-a/src/index.ts', 'pkg-b/src/internal.ts'],
    ]);
  });
});
