import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
/** The demo stack's folder. */
export const DOCKER = join(ROOT, 'docker');
