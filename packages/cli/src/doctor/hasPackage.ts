import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** True when the project folder has `name` installed at its top level (`node_modules/<name>/package.json`). */
export function hasPackage(dir: string, name: string): boolean {
  return existsSync(join(dir, 'node_modules', name, 'package.json'));
}
