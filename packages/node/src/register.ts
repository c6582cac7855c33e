/**
 * The preload: `node --require @signalkit/node/register app.js` or `node --import @signalkit/node/register app.mjs`
 * (also through NODE_OPTIONS). Configured by environment variables only. The one entry with side effects.
 */
import { isMainThread } from 'node:worker_threads';
import { initObservability } from './init.js';
import { preloadApplies } from './preloadTarget.js';

try {
  if (preloadApplies(process.argv[1], isMainThread)) initObservability();
} catch (error) {
  // A preload must never stop the app from starting.
  try {
    process.stderr.write(`signalkit error: could not start: ${String(error)}\n`);
  } catch {
    // stderr unavailable: nothing more to do.
  }
}
