import { createRequire } from 'node:module';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import { appRoots, isInstalled } from '../installedPackages.js';
import type { CatalogEntry } from './instrumentationCatalog.js';

type InstrumentationClass = new (config?: InstrumentationConfig) => Instrumentation;

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
