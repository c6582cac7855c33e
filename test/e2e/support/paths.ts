import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The demo stack's folder: the bundled configs the tests run. */
export const DOCKER = join(ROOT, 'docker');
/** The orders and inventory example services. */
export const EXPRESS_API = join(ROOT, 'examples', 'express-api');
/** The load generator. */
export const LOAD = join(ROOT, 'examples', 'load');
