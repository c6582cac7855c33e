import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Directories whose node_modules the app resolves from: the working directory and the main script's. */
export function appRoots(): string[] {
  const roots = [process.cwd()];
  const main = process.argv[1];
  if (main !== undefined && main !== '') roots.push(dirname(main));
  return roots;
}

/** True when `name` is installed where the app would find it (a look for its package.json, no loading). */
export function isInstalled(name: string, roots: readonly string[] = appRoots()): boolean {
  for (const root of roots) {
    let dir = root;
    for (;;) {
      if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return false;
}
