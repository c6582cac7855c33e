// What the numbers were measured on: machine, kernel, Node, the measured packages, wrk, git state.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { BENCH_DIR } from './variants.mjs';

function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    }).trim();
  } catch {
    return undefined;
  }
}

/** The version of `name` as resolved from `fromDir` (its package.json, found next to its entry point). */
function versionOf(name, fromDir = BENCH_DIR) {
  try {
    const req = createRequire(join(fromDir, 'package.json'));
    let dir = dirname(req.resolve(name));
    while (dir !== dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
        if (pkg.name === name) return { version: pkg.version, dir };
      } catch {
        // no package.json at this level
      }
      dir = dirname(dir);
    }
  } catch {
    // not resolvable from there
  }
  return { version: undefined, dir: undefined };
}

export function machineInfo() {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown';
  const auto = versionOf('@opentelemetry/auto-instrumentations-node');
  const sdkNode = auto.dir ? versionOf('@opentelemetry/sdk-node', auto.dir) : {};
  const signalkit = versionOf('@signalkit/node');
  const repo = join(BENCH_DIR, '..');
  const dirty = run('git', ['status', '--porcelain', '--', 'packages/node'], { cwd: repo });
  return {
    // All online CPUs (the harness pins itself to one later, which availableParallelism() would see).
    nproc: os.cpus().length,
    cpuModel,
    kernel: os.release(),
    node: process.version,
    // wrk -v prints its version and usage, then exits 1.
    wrk: run('sh', ['-c', 'wrk -v 2>&1 | head -1']),
    packages: {
      '@signalkit/node': signalkit.version,
      '@opentelemetry/auto-instrumentations-node': auto.version,
      '@opentelemetry/sdk-node (via auto-instrumentations)': sdkNode.version,
      '@opentelemetry/api': versionOf('@opentelemetry/api', signalkit.dir ?? BENCH_DIR).version,
      express: versionOf('express').version,
      'prom-client': versionOf('prom-client').version,
    },
    git: {
      commit: run('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo }),
      packagesNodeChanges: dirty === undefined ? undefined : dirty.split('\n').filter(Boolean).length,
    },
  };
}

/** 1, 5 and 15 minute load averages. */
export function loadAverage() {
  return os.loadavg().map((v) => Number(v.toFixed(2)));
}
