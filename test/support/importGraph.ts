import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every module file of a source tree (TypeScript, tests left out) and the files each one imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.(?:ts|mts|cts)$/;
const TEST = /\.test\.(?:ts|mts|cts)$/;
// Static imports and re-exports (`import x from`, `import type {..} from`, `export {..} from`, `export * from`),
// side-effect imports (`import './x.js'`) and dynamic imports with a literal specifier.
const SPECIFIERS = [
  /(?:^|[\s;])(?:import|export)\s[^;'"]*?\sfrom\s*['"]([^'"\n]+)['"]/g,
  /(?:^|[\s;])import\s*['"]([^'"\n]+)['"]/g,
  /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name) && !TEST.test(entry.name) && !entry.name.endsWith('.d.ts'))
      files.push(path);
  }
  return files;
}

/** Comments out of the way, so an import named in a comment is no arrow. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/**
 * The file a specifier names: relative ones (`./x.js` is `./x.ts` in the sources), and `@scope/pkg[/sub]`
 * mapped by `packages` (package name -> its src folder) to `src/index.ts` or `src/<sub>.ts`.
 */
function resolveSpecifier(
  from: string,
  specifier: string,
  packages: ReadonlyMap<string, string>,
): string | undefined {
  let base: string | undefined;
  if (specifier.startsWith('.')) base = resolve(dirname(from), specifier);
  else {
    for (const [name, src] of packages) {
      if (specifier === name) base = join(src, 'index');
      else if (specifier.startsWith(`${name}/`)) base = join(src, specifier.slice(name.length + 1));
    }
  }
  if (base === undefined) return undefined;
  const stem = base.replace(/\.(?:[cm]?js|[cm]?ts)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.mts`, `${stem}.cts`, join(stem, 'index.ts')])
    if (existsSync(candidate)) return candidate;
  return undefined;
}

/**
 * The import graph of the given source folders. `packages` maps workspace package names to their src
 * folders, so an import of `@signalkit/node/internal` is an arrow to that file like a relative one.
 */
export function importGraph(
  roots: readonly string[],
  packages: ReadonlyMap<string, string> = new Map(),
): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const root of roots) {
    for (const file of sourceFiles(root)) {
      const text = withoutComments(readFileSync(file, 'utf8'));
      const targets = new Set<string>();
      for (const pattern of SPECIFIERS)
        for (const match of text.matchAll(pattern)) {
          const target = resolveSpecifier(file, match[1] as string, packages);
          if (target !== undefined && target !== file) targets.add(target);
        }
      graph.set(file, [...targets].sort());
    }
  }
  return graph;
}

/**
 * The import cycles of a graph: its strongly connected components of more than one file (Tarjan's
 * algorithm), each as its files sorted, relative to `base`.
 */
export function importCycles(graph: ImportGraph, base: string): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  // Iterative, so a deep graph cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { file: string; edge: number }[] = [{ file: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { file: string; edge: number };
      const edges = graph.get(frame.file) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++] as string;
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.file, Math.min(low.get(frame.file) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined)
        low.set(parent.file, Math.min(low.get(parent.file) as number, low.get(frame.file) as number));
      if (low.get(frame.file) === index.get(frame.file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(relative(base, member));
        } while (member !== frame.file);
        if (component.length > 1) cycles.push(component.sort());
      }
    }
  }
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
