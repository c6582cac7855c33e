import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One installed copy of a package: where it really is (symlinks resolved) and its version. */
export interface PackageCopy {
  readonly name: string;
  readonly version: string;
  readonly path: string;
}

export interface PackageCopies {
  readonly copies: readonly PackageCopy[];
  /** True when the walk stopped at a bound: the list may be incomplete. */
  readonly truncated: boolean;
}

export interface WalkLimits {
  /** node_modules folders nested in one another (pnpm's store counts as one level). Default 12. */
  readonly maxDepth: number;
  /** Folder entries read in all. Default 200,000. */
  readonly maxEntries: number;
}

const DEFAULT_LIMITS: WalkLimits = { maxDepth: 12, maxEntries: 200_000 };

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // a dangling symlink
  }
}

/**
 * Every installed copy of the packages `wanted` picks, under `root/node_modules`: hoisted, nested
 * (`a/node_modules/b`), and in pnpm's store (`node_modules/.pnpm/<name>@<version>/node_modules/...`).
 * Symlinks are followed (pnpm and workspaces are made of them), each real folder read once, so a symlink
 * loop ends; depth and entries are bounded.
 */
export async function findPackageCopies(
  root: string,
  wanted: (name: string) => boolean,
  limits: WalkLimits = DEFAULT_LIMITS,
): Promise<PackageCopies> {
  const copies: PackageCopy[] = [];
  const seen = new Set<string>();
  let read = 0;
  let truncated = false;
  const queue: { dir: string; depth: number }[] = [{ dir: join(root, 'node_modules'), depth: 0 }];

  /** Marks a real path seen; false when it was already. */
  const firstVisit = async (path: string): Promise<string | undefined> => {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      return undefined;
    }
    if (seen.has(real)) return undefined;
    seen.add(real);
    return real;
  };

  const visitPackage = async (dir: string, name: string, depth: number) => {
    const real = await firstVisit(dir);
    if (real === undefined || !(await isDirectory(real))) return;
    if (wanted(name)) {
      try {
        const pkg = JSON.parse(await readFile(join(real, 'package.json'), 'utf8')) as { version?: unknown };
        if (typeof pkg.version === 'string') copies.push({ name, version: pkg.version, path: real });
      } catch {
        // No readable package.json: not an installed package.
      }
    }
    queue.push({ dir: join(real, 'node_modules'), depth: depth + 1 });
  };

  while (queue.length > 0) {
    const { dir, depth } = queue.shift() as { dir: string; depth: number };
    if (depth > limits.maxDepth) {
      truncated = true;
      continue;
    }
    if ((await firstVisit(dir)) === undefined) continue;
    for (const entry of await entries(dir)) {
      if (++read > limits.maxEntries) return { copies, truncated: true };
      const path = join(dir, entry.name);
      if (entry.name === '.pnpm') {
        // The store: one folder per package version, each holding a node_modules.
        for (const version of await entries(path)) {
          if (++read > limits.maxEntries) return { copies, truncated: true };
          queue.push({
            dir:
              version.name === 'node_modules'
                ? join(path, version.name)
                : join(path, version.name, 'node_modules'),
            depth: depth + 1,
          });
        }
      } else if (entry.name.startsWith('@')) {
        for (const scoped of await entries(path)) {
          if (++read > limits.maxEntries) return { copies, truncated: true };
          await visitPackage(join(path, scoped.name), `${entry.name}/${scoped.name}`, depth);
        }
      } else if (!entry.name.startsWith('.')) {
        await visitPackage(path, entry.name, depth);
      }
    }
  }
  return { copies, truncated };
}
