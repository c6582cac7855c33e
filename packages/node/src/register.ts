/**
 * The preload: `node --require @signalkit/node/register app.js` or `node --import @signalkit/node/register app.mjs`
 * (also through NODE_OPTIONS). Configured by environment variables only. The one entry with side effects.
 */
import { isMainThread } from 'node:worker_threads';
import { createDiagnostics } from './diagnostics/diagnostics.js';
import { initObservability } from './init.js';
import { preloadApplies } from './preloadTarget.js';

try {
  if (preloadApplies(process.argv[1], isMainThread)) initObservability();
} catch (error) {
  // A preload must never stop the app from starting: one line (through the one diagnostics writer), and on.
  createDiagnostics('error').error(
    'preload',
    `could not start: ${String(error)}; the app runs without signalkit`,
  );
}
