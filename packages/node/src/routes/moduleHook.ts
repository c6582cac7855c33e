import Module from 'node:module';
import { sep } from 'node:path';

/**
 * A framework file to patch when it loads: recognised by the `require` call that loads it (the id
 * and the file that requires it), or by its path in the require cache when it loaded before signalkit.
 * Frameworks are CommonJS, and their internal `require` calls go through here even when the app
 * imports them from ESM, so no ESM loader hook is needed for route capture.
 */
export interface ModulePatch {
  readonly name: string;
  /** The id passed to `require` inside the framework, e.g. `./lib/express`. */
  readonly requestId: string;
  /**
   * Path suffix of the requiring file, e.g. `/express/index.js`. Use the first file that requires it:
   * with tracing on, require-in-the-middle answers every later require of a file from its own cache
   * without calling this hook (a file required from several places needs one patch per requirer).
   */
  readonly parentSuffix: string;
  /** Path suffix of the loaded file, to find it in the require cache. */
  readonly fileSuffix: string;
  /** Patches the module's exports; must be idempotent and never throw. */
  patch(exports: unknown): void;
}

type RequireFn = (this: NodeJS.Module, id: string) => unknown;

const HOOKED = Symbol.for('signalkit.moduleHook');

interface HookState {
  patches: ModulePatch[];
}

function nativePath(suffix: string): string {
  return sep === '/' ? suffix : suffix.replaceAll('/', sep);
}

/**
 * Installs the patches: wraps `Module.prototype.require` once per process (the wrapper costs one
 * string comparison per require call), and patches matching modules already in the cache.
 */
export function installModulePatches(
  patches: readonly ModulePatch[],
  onError: (error: unknown) => void,
): void {
  const proto = Module.prototype as unknown as { require: RequireFn & { [HOOKED]?: HookState } };
  const cache = (Module as unknown as { _cache: Record<string, NodeJS.Module | undefined> })._cache;
  const applied = new WeakSet<object>();

  const apply = (patch: ModulePatch, exports: unknown) => {
    if ((typeof exports !== 'object' && typeof exports !== 'function') || exports === null) return;
    if (applied.has(exports)) return;
    applied.add(exports);
    try {
      patch.patch(exports);
    } catch (error) {
      onError(error);
    }
  };

  const existing = proto.require[HOOKED];
  if (existing !== undefined) {
    existing.patches.push(...patches);
  } else {
    const original = proto.require;
    const state: HookState = { patches: [...patches] };
    const hooked = function require(this: NodeJS.Module, id: string): unknown {
      const exports = original.call(this, id);
      if (typeof id === 'string' && id.charCodeAt(0) === 46 /* . */) {
        for (const patch of state.patches) {
          if (patch.requestId === id && this.filename?.endsWith(nativePath(patch.parentSuffix)))
            apply(patch, exports);
        }
      }
      return exports;
    } as RequireFn & { [HOOKED]?: HookState };
    hooked[HOOKED] = state;
    proto.require = hooked;
  }

  // Frameworks loaded before signalkit: patch what can still be patched.
  for (const [filename, mod] of Object.entries(cache)) {
    for (const patch of patches) {
      if (filename.endsWith(nativePath(patch.fileSuffix)) && mod?.loaded) apply(patch, mod.exports);
    }
  }
}
