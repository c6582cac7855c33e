import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { CatalogEntry } from './instrumentationCatalog.js';

type InstrumentationClass = new (config?: InstrumentationConfig) => Instrumentation;

/** Directories whose node_modules the app resolves from: the working directory and the main script's. */
function appRoots(): string[] {
  const roots = [process.cwd()];
  const main = process.argv[1];
  if (main !== undefined && main !== '') roots.push(dirname(main));
  return roots;
}

/** True when `name` is installed where the app would find it (a look for its package.json, no loading). */
export function isInstalled(name: string, roots: readonly string[] = appRoots()): boolean {
  for (const root of roots) {
    let dir = root;
    for (;;) {
      if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return false;
}

/** The package that makes every catalogue instrumentation available in one step, when the app has it. */
const AUTO_INSTRUMENTATIONS = '@opentelemetry/auto-instrumentations-node';

/** `require` from signalkit's own folder, then from each app root. */
function requirers(roots: readonly string[]): NodeJS.Require[] {
  return [createRequire(import.meta.url), ...roots.map((root) => createRequire(join(root, 'index.js')))];
}

function tryRequire(require: NodeJS.Require, id: string): Record<string, unknown> | undefined {
  let path: string;
  try {
    path = require.resolve(id);
  } catch {
    return undefined;
  }
  // Resolved: a failure to load it is a real error, reported as such.
  return require(path) as Record<string, unknown>;
}

/**
 * Loads the instrumentation class of an entry, from the first place that has its package: signalkit's own
 * dependencies (http, undici), the app's own install (the package added beside signalkit, which is also how
 * signalkit's optional peers arrive), then the tree of an installed `@opentelemetry/auto-instrumentations-node`.
 * Only called for entries that are enabled and whose target module is installed; when none has the
 * package, the error says which one to add.
 */
export function loadInstrumentationClass(
  entry: CatalogEntry,
  roots: readonly string[] = appRoots(),
): InstrumentationClass {
  const packageName = `@opentelemetry/instrumentation-${entry.name}`;
  const places = requirers(roots);
  let mod: Record<string, unknown> | undefined;
  for (const require of places) {
    mod = tryRequire(require, packageName);
    if (mod !== undefined) break;
  }
  if (mod === undefined) {
    for (const require of places) {
      let auto: string;
      try {
        auto = require.resolve(AUTO_INSTRUMENTATIONS);
      } catch {
        continue;
      }
      mod = tryRequire(createRequire(auto), packageName);
      if (mod !== undefined) break;
    }
  }
  if (mod === undefined)
    throw new Error(
      `${packageName} is not installed; add it (npm install ${packageName}) or ${AUTO_INSTRUMENTATIONS} to get spans from ${entry.targets.join(', ') || entry.name}`,
    );
  const cls = mod[entry.className];
  if (typeof cls !== 'function') throw new Error(`${packageName} has no export ${entry.className}`);
  return cls as InstrumentationClass;
}

/** The selected entries whose targets are present. */
export function presentEntries(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const roots = appRoots();
  return entries.filter((e) => e.targets.length === 0 || e.targets.some((t) => isInstalled(t, roots)));
}
