import { realpathSync } from 'node:fs';

/** The entry scripts of package managers (`npm-cli.js`, `.bin/pnpm`, `yarn-4.1.0.cjs`, ...). */
const TOOL_SCRIPT = /^(?:npm|npx|pnpm|pnpx|yarn|yarnpkg|corepack)(?:-cli)?(?:\.c?js)?$|^yarn-[\d.]+\.c?js$/;
/** Where their scripts live once symlinks are resolved (`/usr/bin/npm` -> `.../node_modules/npm/bin/npm-cli.js`). */
const TOOL_PACKAGE = /[\\/]node_modules[\\/](?:npm|pnpm|yarn|corepack|@yarnpkg[\\/]cli)[\\/]/;

/** True when `script` (the process's `argv[1]`) is a package manager rather than an app. */
export function isPackageManager(script: string | undefined): boolean {
  if (script === undefined || script === '') return false;
  const name = script.split(/[\\/]/).pop() ?? '';
  if (TOOL_SCRIPT.test(name) || TOOL_PACKAGE.test(script)) return true;
  try {
    return TOOL_PACKAGE.test(realpathSync(script));
  } catch {
    return false;
  }
}

/**
 * Whether the preload should start signalkit in this thread of this process. `NODE_OPTIONS` also
 * reaches `npm start` itself (whose child is the app) and every worker thread: starting there would
 * take the metrics port from the app, or print an address-in-use error per worker. The preload is
 * for the app's main thread; a worker that wants signalkit calls initObservability() itself.
 */
export function preloadApplies(mainScript: string | undefined, mainThread: boolean): boolean {
  return mainThread && !isPackageManager(mainScript);
}
