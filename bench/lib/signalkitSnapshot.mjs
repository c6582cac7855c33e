// A private copy of @signalkit/node's dist/ for one run. Other engineers rebuild packages/node/dist in
// the same checkout; without a copy, a rebuild during a 40-minute run would change the code measured
// halfway through, or break the servers started while dist/ is being rewritten.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BENCH_DIR } from './variants.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Relative files a CommonJS or ESM chunk loads (`require("./x.cjs")`, `from "./x.mjs"`). */
function localImports(code) {
  return [...code.matchAll(/(?:require\(|from\s*|import\()\s*["'](\.\/[^"']+)["']/g)].map((m) => m[1]);
}

/** True when every local import of every script in `dir` exists: not caught mid-rebuild. */
function complete(dir) {
  const files = readdirSync(dir);
  if (!files.includes('register.cjs') || !files.includes('register.mjs')) return false;
  for (const file of files.filter((f) => /\.(c|m)?js$/.test(f)))
    for (const target of localImports(readFileSync(join(dir, file), 'utf8')))
      if (!existsSync(join(dir, target))) return false;
  return true;
}

function hashOf(dir) {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.map') || file.endsWith('.d.cts') || file.endsWith('.d.mts')) continue;
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * Copies packages/node/dist (waiting up to `waitMillis` for a complete build) to
 * bench/.cache/signalkit-node-<pid>/ with a node_modules link to the package's dependencies.
 * Returns { register, dir, builtAt, hash, remove() }.
 */
export async function snapshotSignalkit({ waitMillis = 300_000 } = {}) {
  const source = realpathSync(
    dirname(createRequire(join(BENCH_DIR, 'package.json')).resolve('@signalkit/node/package.json')),
  );
  const target = join(BENCH_DIR, '.cache', `signalkit-node-${process.pid}`);
  const deadline = Date.now() + waitMillis;
  for (;;) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    try {
      const builtAt = statSync(join(source, 'dist', 'register.cjs')).mtime.toISOString();
      cpSync(join(source, 'dist'), join(target, 'dist'), { recursive: true });
      // Unchanged during the copy and complete: a consistent build.
      const after = statSync(join(source, 'dist', 'register.cjs')).mtime.toISOString();
      if (after === builtAt && complete(join(target, 'dist'))) {
        copyFileSync(join(source, 'package.json'), join(target, 'package.json'));
        symlinkSync(join(source, 'node_modules'), join(target, 'node_modules'));
        return {
          dir: target,
          register: join(target, 'dist', 'register.cjs'),
          builtAt,
          hash: hashOf(join(target, 'dist')),
          remove: () => rmSync(target, { recursive: true, force: true }),
        };
      }
    } catch {
      // dist/ missing or being rewritten
    }
    if (Date.now() > deadline) {
      rmSync(target, { recursive: true, force: true });
      throw new Error(
        `no complete build in ${join(source, 'dist')}: run \`pnpm --filter @signalkit/node build\``,
      );
    }
    await sleep(2000);
  }
}
