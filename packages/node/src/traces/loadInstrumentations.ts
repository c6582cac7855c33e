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

/**
 * Loads the instrumentation class of an entry: http and undici are signalkit's own dependencies; the
 * others come from auto-instrumentations-node's dependency tree. Only called for entries that are
 * enabled and whose target module is installed.
 */
export function loadInstrumentationClass(entry: CatalogEntry): InstrumentationClass {
  const ownRequire = createRequire(import.meta.url);
  const packageName = `@opentelemetry/instrumentation-${entry.name}`;
  let mod: Record<string, unknown>;
  try {
    mod = ownRequire(packageName) as Record<string, unknown>;
  } catch {
    const autoRequire = createRequire(ownRequire.resolve('@opentelemetry/auto-instrumentations-node'));
    mod = autoRequire(packageName) as Record<string, unknown>;
  }
  const cls = mod[entry.className];
  if (typeof cls !== 'function') throw new Error(`${packageName} has no export ${entry.className}`);
  return cls as InstrumentationClass;
}

/** The selected entries whose targets are present. */
export function presentEntries(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const roots = appRoots();
  return entries.filter((e) => e.targets.length === 0 || e.targets.some((t) => isInstalled(t, roots)));
}
