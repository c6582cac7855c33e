import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import { appRoots, isInstalled } from '../installedPackages.js';
import type { CatalogEntry } from './instrumentationCatalog.js';

type InstrumentationClass = new (config?: InstrumentationConfig) => Instrumentation;

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
