import { resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../../../..');
/** The built `signalkit` command (run `pnpm run build` first). */
export const SIGNALKIT_BIN = resolve(REPO, 'packages/cli/dist/bin.mjs');
export const EXPRESS_API = resolve(REPO, 'examples/express-api');
export const LOAD_CLI = resolve(REPO, 'examples/load/src/cli.js');
export const LOAD_MODULE = resolve(REPO, 'examples/load/src/index.js');
/** The demo's SLO file: orders on the defaults, inventory tighter (99.9% available, 250 ms). */
export const DOCKER_SLO = resolve(REPO, 'docker/slo.yaml');
