import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/freePort.js';

/**
 * What a user gets from `npm install @signalkit/node` (and pnpm, yarn): the packed tarballs of the built
 * packages, installed from the npm registry into an empty app, as a user's install would be.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The budget of issue 20: metrics and tracing of node:http, fetch and the frameworks, in at most 20 MB of files. */
const MAX_BYTES = 20_000_000;
const INSTALL_TIMEOUT = 600_000;
/** The pin the README gives for one copy of the core (npm `overrides`, pnpm `pnpm.overrides`, Yarn 1 `resolutions`). */
const CORE_PIN = (() => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /"overrides": (\{[^}]*\})/.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no "overrides" block pinning the core');
  return JSON.parse(block) as Record<string, string>;
})();

function sh(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT,
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  return result.stdout;
}

/** Every installed package (`name@version`, one entry per copy on disk), nested copies included. */
function installedPackages(nodeModules: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      if (name.startsWith('.')) continue;
      if (name.startsWith('@')) {
        for (const scoped of readdirSync(join(dir, name))) visitPackage(join(dir, name, scoped));
      } else visitPackage(join(dir, name));
    }
  };
  const visitPackage = (dir: string) => {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
      };
      found.push(`${manifest.name}@${manifest.version}`);
    } catch {
      return;
    }
    visit(join(dir, 'node_modules'));
  };
  visit(nodeModules);
  return found.sort();
}

/** The bytes of every file under `dir` (symbolic links not followed), and their count. */
function fileBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += fileBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

/** Disk usage as `du -sk` counts it (whole blocks), for the record next to the file bytes. */
function diskKilobytes(dir: string): number {
  return Number(sh('du', ['-sk', dir], dir).split('\t')[0]);
}

function emptyApp(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true }, null, 2)}\n`,
  );
  return dir;
}

const copies = (packages: readonly string[], name: string) =>
  packages.filter((p) => p.slice(0, p.lastIndexOf('@')) === name);

// The app a user writes: a server and a fetch to it, traced, then its health printed.
const APP = `
const http = require('node:http');
const { getObservability } = require('@signalkit/node');
const server = http.createServer((req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', async () => {
  const response = await fetch('http://127.0.0.1:' + server.address().port + '/hello');
  await response.text();
  const metrics = await (await fetch('http://127.0.0.1:' + process.env.OTEL_EXPORTER_PROMETHEUS_PORT + '/metrics')).text();
  console.log(JSON.stringify({ health: getObservability().health(), served: metrics.includes('http_server_request_duration_seconds_count') }));
  server.close();
  await getObservability().shutdown({ timeoutMillis: 500 });
});
`;

function runApp(
  app: string,
  port: number,
): { health: { traces: { instrumentations?: string[] } }; served: boolean; stderr: string } {
  writeFileSync(join(app, 'app.cjs'), APP);
  const result = spawnSync(process.execPath, ['--require', '@signalkit/node/register', 'app.cjs'], {
    cwd: app,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      OTEL_TRACES_EXPORTER: 'otlp',
      // Nothing listens there: the spans are dropped, which is not what this test looks at.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
    },
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const last = result.stdout.trim().split('\n').at(-1) as string;
  return {
    ...(JSON.parse(last) as { health: { traces: { instrumentations?: string[] } }; served: boolean }),
    stderr: result.stderr,
  };
}

describe('installing the packed packages into an empty app', () => {
  let scratch: string;
  let tarballs: Record<'node' | 'winston' | 'cli', string>;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'signalkit-install-'));
    const packs = join(scratch, 'packs');
    mkdirSync(packs);
    const packed = {} as Record<'node' | 'winston' | 'cli', string>;
    for (const pkg of ['node', 'winston', 'cli'] as const) {
      // pnpm pack writes the workspace: ranges as the versions they stand for, as a publish would.
      const out = sh('pnpm', ['pack', '--pack-destination', packs], join(ROOT, 'packages', pkg));
      packed[pkg] = out.trim().split('\n').at(-1) as string;
    }
    tarballs = packed;
  }, INSTALL_TIMEOUT);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(
    'npm: @signalkit/node is at most 20 MB with one copy of the api and core, no gRPC, no cloud metadata; it serves metrics and traces http and fetch',
    async () => {
      const app = emptyApp(scratch, 'npm-app');
      sh('npm', ['install', tarballs.node], app);
      const nodeModules = join(app, 'node_modules');
      const packages = installedPackages(nodeModules);
      const bytes = fileBytes(nodeModules);
      const kilobytes = diskKilobytes(nodeModules);
      process.stdout.write(
        `npm install @signalkit/node: ${packages.length} packages, ${(bytes / 1e6).toFixed(1)} MB of files, ${(kilobytes / 1024).toFixed(1)} MiB on disk (du)\n`,
      );
      expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
      expect(copies(packages, '@opentelemetry/api')).toHaveLength(1);
      expect(copies(packages, '@opentelemetry/core')).toHaveLength(1);
      for (const absent of [
        '@grpc/grpc-js',
        'gcp-metadata',
        '@opentelemetry/auto-instrumentations-node',
        '@opentelemetry/sdk-node',
      ])
        expect(copies(packages, absent), absent).toEqual([]);

      const { health, served } = runApp(app, await freePort());
      expect(served).toBe(true);
      expect(health.traces.instrumentations).toEqual(['http', 'undici']);
    },
    INSTALL_TIMEOUT,
  );

  it(
    'npm: a library whose instrumentation is not installed is named in one line, with the package to add',
    async () => {
      const app = emptyApp(scratch, 'npm-app-pg');
      sh('npm', ['install', tarballs.node], app);
      // A stand-in for the pg driver: the catalogue looks for its package.json only, it never loads it.
      mkdirSync(join(app, 'node_modules', 'pg'));
      writeFileSync(
        join(app, 'node_modules', 'pg', 'package.json'),
        '{"name":"pg","version":"8.16.0","main":"index.js"}\n',
      );
      const { health, stderr } = runApp(app, await freePort());
      expect(health.traces.instrumentations).toEqual(['http', 'undici']);
      expect(stderr).toContain(
        '@opentelemetry/instrumentation-pg is not installed; add it (npm install @opentelemetry/instrumentation-pg)',
      );
    },
    INSTALL_TIMEOUT,
  );

  it(
    "npm: with @opentelemetry/auto-instrumentations-node installed, its instrumentations are signalkit's to load",
    async () => {
      const app = emptyApp(scratch, 'npm-app-auto');
      // Its 0.82 packages ask for the newest core beside signalkit's 3.0.0: the README's pin keeps one copy.
      const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(app, 'package.json'), JSON.stringify({ ...manifest, overrides: CORE_PIN }));
      sh('npm', ['install', tarballs.node, '@opentelemetry/auto-instrumentations-node@0.82.0'], app);
      mkdirSync(join(app, 'node_modules', 'pg'), { recursive: true });
      writeFileSync(
        join(app, 'node_modules', 'pg', 'package.json'),
        '{"name":"pg","version":"8.16.0","main":"index.js"}\n',
      );
      const { health, stderr } = runApp(app, await freePort());
      // pg from the stand-in; grpc too, because auto-instrumentations-node brings @grpc/grpc-js itself.
      expect(health.traces.instrumentations, stderr).toEqual(['http', 'undici', 'pg', 'grpc']);
      expect(stderr).not.toContain('is not installed');
      const packages = installedPackages(join(app, 'node_modules'));
      expect(copies(packages, '@opentelemetry/api')).toHaveLength(1);
      expect(copies(packages, '@opentelemetry/core')).toHaveLength(1);
    },
    INSTALL_TIMEOUT,
  );

  it(
    'pnpm and yarn: one copy of the api and core',
    async () => {
      const pnpmApp = emptyApp(scratch, 'pnpm-app');
      sh('pnpm', ['add', tarballs.node], pnpmApp);
      const store = readdirSync(join(pnpmApp, 'node_modules', '.pnpm'));
      const versions = (name: string) =>
        new Set(store.filter((d) => d.startsWith(`${name}@`)).map((d) => d.split('_')[0]));
      expect(versions('@opentelemetry+api')).toEqual(new Set(['@opentelemetry+api@1.10.0']));
      expect([...versions('@opentelemetry+core')]).toHaveLength(1);
      expect(runApp(pnpmApp, await freePort()).served).toBe(true);

      // Yarn 1 resolves each range on its own (instrumentation-undici's `^3.0.0` to the newest core, beside
      // signalkit's exact one) and never dedupes: the README's pin, as `resolutions`, keeps one copy.
      const yarnApp = emptyApp(scratch, 'yarn-app');
      const manifest = JSON.parse(readFileSync(join(yarnApp, 'package.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      writeFileSync(join(yarnApp, 'package.json'), JSON.stringify({ ...manifest, resolutions: CORE_PIN }));
      sh(
        'npm',
        [
          'exec',
          '--yes',
          '--package=yarn@1.22.22',
          '--',
          'yarn',
          'add',
          '--non-interactive',
          '--no-progress',
          `file:${tarballs.node}`,
        ],
        yarnApp,
      );
      const packages = installedPackages(join(yarnApp, 'node_modules'));
      expect(copies(packages, '@opentelemetry/api')).toHaveLength(1);
      expect(copies(packages, '@opentelemetry/core')).toHaveLength(1);
      expect(runApp(yarnApp, await freePort()).served).toBe(true);
    },
    INSTALL_TIMEOUT,
  );
});
