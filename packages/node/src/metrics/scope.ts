import { VERSION } from '../version.js';

/** The instrumentation scope of everything signalkit records. */
export const SCOPE = Object.freeze({ name: '@signalkit/node', version: VERSION });
