import type { Diagnostics } from './diagnostics/diagnostics.js';
import type { ObservabilityHandle } from './handle.js';

/**
 * One instance per process, shared by every copy of signalkit (CommonJS and ESM builds, preload and code):
 * a global keyed by a registered symbol, not a module variable. This module imports nothing heavy, so
 * reading the instance (`getObservability()`, other signalkit packages) loads no OpenTelemetry SDK.
 */
const GLOBAL = Symbol.for('signalkit.node.instance');

/** What `initObservability()` keeps for the process. */
export interface Instance {
  readonly handle: ObservabilityHandle;
  readonly diagnostics: Diagnostics;
  warnedAgain: boolean;
}

type GlobalWithInstance = typeof globalThis & { [GLOBAL]?: Instance | undefined };

/** The instance `initObservability()` or the preload created, until its `shutdown()`. */
export function currentInstance(): Instance | undefined {
  return (globalThis as GlobalWithInstance)[GLOBAL];
}

export function setCurrentInstance(instance: Instance): void {
  (globalThis as GlobalWithInstance)[GLOBAL] = instance;
}

/** Forgets `instance` if it is still the current one (a later instance stays). */
export function releaseInstance(instance: Instance): void {
  const g = globalThis as GlobalWithInstance;
  if (g[GLOBAL] === instance) g[GLOBAL] = undefined;
}

/**
 * The handle of the running signalkit: the one {@link initObservability} returned or the preload
 * (`--require`/`--import @signalkit/node/register`) created, whichever build of the package made it.
 * `undefined` before either ran and after its `shutdown()`. Reads only: starts nothing, warns nothing.
 *
 * @example
 * const config = getObservability()?.config;
 * const serviceName = config?.serviceName ?? 'unknown_service:node';
 */
export function getObservability(): ObservabilityHandle | undefined {
  return currentInstance()?.handle;
}
