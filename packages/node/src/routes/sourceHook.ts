import Module from 'node:module';
import { sep } from 'node:path';

/**
 * A framework file whose source is changed as it loads, for frameworks whose route state cannot be
 * reached from outside: ESM-only ones (an ES module's exports cannot be wrapped, and its internal
 * imports never pass through `Module.prototype.require`), or ones whose per-request code path keeps
 * the matched route in private fields. Recognised by how its URL ends, for `import` and `require` alike.
 */
export interface SourcePatch {
  readonly name: string;
  /** The package the files belong to: the caller installs the patch only when the app has it installed. */
  readonly packageName: string;
  /** How the URLs of the files to change end, e.g. `/hono/dist/hono-base.js`. */
  readonly urlSuffixes: readonly string[];
  /**
   * The changed source, or undefined when the file does not look as expected (another version of the
   * framework): it then loads unchanged. Must not throw.
   */
  transform(source: string, url: string): string | undefined;
}

/** Why a patch was left out, for the one diagnostics writer of the signalkit instance that installed it. */
export type SourcePatchReport = (patch: string, problem: string) => void;

interface HookState {
  readonly patches: SourcePatch[];
  report: SourcePatchReport;
}

/** One hook per process, shared by the CommonJS and ESM builds of signalkit if both load. */
const STATE = Symbol.for('signalkit.sourceHook');

type LoadResult = { format?: string | null | undefined; source?: unknown };
type NextLoad = (url: string, context?: unknown) => LoadResult;
type RegisterHooks = (hooks: {
  load: (url: string, context: unknown, nextLoad: NextLoad) => LoadResult;
}) => unknown;

const decoder = new TextDecoder();

function sourceText(source: unknown): string | undefined {
  if (typeof source === 'string') return source;
  if (source instanceof Uint8Array) return decoder.decode(source);
  if (source instanceof ArrayBuffer) return decoder.decode(new Uint8Array(source));
  return undefined;
}

function patchFor(patches: readonly SourcePatch[], url: string): SourcePatch | undefined {
  for (const patch of patches) for (const suffix of patch.urlSuffixes) if (url.endsWith(suffix)) return patch;
  return undefined;
}

function applyPatch(state: HookState, patch: SourcePatch, url: string, result: LoadResult): LoadResult {
  if (result.format !== 'module' && result.format !== 'commonjs') return result;
  const text = sourceText(result.source);
  let changed: string | undefined;
  try {
    changed = text === undefined ? undefined : patch.transform(text, url);
  } catch (error) {
    state.report(patch.name, `could not change ${url}: ${String(error)}`);
    return result;
  }
  if (changed === undefined) {
    state.report(patch.name, `${url} does not look as expected (another version?); its routes are left out`);
    return result;
  }
  return { ...result, source: changed };
}

/** What {@link installSourcePatches} did. */
export type SourceHookOutcome = 'installed' | 'not-needed' | 'unsupported';

/**
 * Patched files that CommonJS code required before the hook existed (`initObservability()` called after
 * `require('hono')`): they stay unpatched, and saying so once beats routes that silently never show up.
 * ES modules loaded earlier cannot be seen (Node exposes no list of them).
 */
function reportLoadedEarlier(patches: readonly SourcePatch[], report: SourcePatchReport): void {
  const cache = (Module as unknown as { _cache?: Record<string, unknown> })._cache;
  if (cache === undefined) return;
  for (const filename of Object.keys(cache)) {
    for (const patch of patches) {
      const suffix = patch.urlSuffixes.find((s) =>
        filename.endsWith(sep === '/' ? s : s.replaceAll('/', sep)),
      );
      if (suffix !== undefined)
        report(
          patch.name,
          `${filename} was loaded before signalkit started, so its routes are left out: start signalkit first (--require or --import @signalkit/node/register)`,
        );
    }
  }
}

/**
 * Installs the patches with Node's in-thread synchronous module hooks (`module.registerHooks`, Node
 * >= 22.15 / 23.5): the cheapest kind (no loader thread, no message passing), and they see both `import`
 * and `require()`. The hook only has a `load` step; for a module that is not a patched file, it adds
 * the suffix checks (the source is neither decoded nor copied), but loading through a hook costs more
 * than Node's own path even so: a do-nothing load hook measured about +35 µs per module (445 CommonJS
 * modules: +16 ms CPU, median of 8 pairs, on a busy 2-core machine). Hence the caller passes only the
 * patches whose package the app has installed, and an app without any of these frameworks gets no hook
 * ('not-needed'). Installed once per process; a later call adds its patches. Files already loaded stay
 * as they are: this runs from the preload, or from `initObservability()` before the framework is imported.
 */
export function installSourcePatches(
  patches: readonly SourcePatch[],
  report: SourcePatchReport,
): SourceHookOutcome {
  if (patches.length === 0) return 'not-needed';
  const registry = globalThis as { [STATE]?: HookState };
  const existing = registry[STATE];
  if (existing !== undefined) {
    existing.report = report;
    for (const patch of patches)
      if (!existing.patches.some((p) => p.name === patch.name)) existing.patches.push(patch);
    return 'installed';
  }
  const registerHooks = (Module as unknown as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks !== 'function') return 'unsupported';
  // Only before the first hook: with one, a file in the cache may be one it patched.
  reportLoadedEarlier(patches, report);
  const state: HookState = { patches: [...patches], report };
  registerHooks({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      const patch = patchFor(state.patches, url);
      return patch === undefined ? result : applyPatch(state, patch, url, result);
    },
  });
  registry[STATE] = state;
  return 'installed';
}
