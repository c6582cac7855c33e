import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWatchedOtelPackage } from '../../src/doctor/checks/otelCopiesCheck.js';
import { findPackageCopies } from '../../src/doctor/findPackageCopies.js';
import { doctor } from './support/runDoctor.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'signalkit-doctor-copies-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Writes `<dir>/<path>/package.json` for a package of this name and version. */
async function installed(dir: string, path: string, name: string, version: string): Promise<void> {
  const file = join(dir, path, 'package.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ name, version }));
}

async function project(name: string): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  return dir;
}

describe('signalkit doctor: OpenTelemetry copies in node_modules', () => {
  it('fails on two versions of @opentelemetry/api, hoisted and nested (npm layout)', async () => {
    const dir = await project('npm');
    await installed(dir, 'node_modules/@opentelemetry/api', '@opentelemetry/api', '1.9.0');
    await installed(dir, 'node_modules/old-tracing-lib', 'old-tracing-lib', '2.0.0');
    await installed(
      dir,
      'node_modules/old-tracing-lib/node_modules/@opentelemetry/api',
      '@opentelemetry/api',
      '1.4.1',
    );
    await installed(dir, 'node_modules/@opentelemetry/sdk-metrics', '@opentelemetry/sdk-metrics', '2.0.0');
    // The endpoint is down on purpose: the project checks run without it.
    const run = await doctor(['127.0.0.1:1', '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.check('otel-copies')).toMatchObject({
      status: 'fail',
      summary:
        '@opentelemetry/api is installed in 2 versions (1.9.0, 1.4.1): the global tracer and meter providers are split',
      detail: [
        '@opentelemetry/api: 1.9.0 (node_modules/@opentelemetry/api); 1.4.1 (node_modules/old-tracing-lib/node_modules/@opentelemetry/api)',
      ],
    });
  });

  it('warns on two versions of an SDK package in the pnpm store, and counts a symlinked copy once', async () => {
    const dir = await project('pnpm');
    const store = 'node_modules/.pnpm';
    await installed(
      dir,
      `${store}/@opentelemetry+api@1.9.0/node_modules/@opentelemetry/api`,
      '@opentelemetry/api',
      '1.9.0',
    );
    await installed(
      dir,
      `${store}/@opentelemetry+sdk-trace@2.0.0/node_modules/@opentelemetry/sdk-trace`,
      '@opentelemetry/sdk-trace',
      '2.0.0',
    );
    await installed(
      dir,
      `${store}/@opentelemetry+sdk-trace@3.0.0/node_modules/@opentelemetry/sdk-trace`,
      '@opentelemetry/sdk-trace',
      '3.0.0',
    );
    // What pnpm links at the top: a symlink into the store, the same copy as the store's.
    await mkdir(join(dir, 'node_modules/@opentelemetry'), { recursive: true });
    await symlink(
      join(dir, `${store}/@opentelemetry+api@1.9.0/node_modules/@opentelemetry/api`),
      join(dir, 'node_modules/@opentelemetry/api'),
    );
    const run = await doctor(['127.0.0.1:1', '--dir', dir]);
    expect(run.check('otel-copies')).toMatchObject({
      status: 'warn',
      summary: '@opentelemetry/sdk-trace installed in several versions',
    });
    expect(run.check('otel-copies').detail?.[0]).toMatch(/^@opentelemetry\/sdk-trace: (2\.0\.0|3\.0\.0) \(/);
  });

  it('is fine with one version each, and walks through a symlink loop without hanging', async () => {
    const dir = await project('loop');
    await installed(dir, 'node_modules/@opentelemetry/api', '@opentelemetry/api', '1.9.0');
    await installed(dir, 'node_modules/app-lib', 'app-lib', '1.0.0');
    await mkdir(join(dir, 'node_modules/app-lib/node_modules'), { recursive: true });
    await symlink(join(dir, 'node_modules'), join(dir, 'node_modules/app-lib/node_modules/again'));
    const run = await doctor(['127.0.0.1:1', '--dir', dir]);
    expect(run.check('otel-copies')).toMatchObject({
      status: 'ok',
      summary: 'one version each of 1 OpenTelemetry package (@opentelemetry/api 1.9.0)',
    });
  });

  it('stops at its bounds and says the list may be incomplete', async () => {
    const dir = await project('deep');
    let path = 'node_modules';
    for (let i = 0; i < 5; i++) {
      path = `${path}/lib${i}/node_modules`;
      await installed(dir, dirname(path), `lib${i}`, '1.0.0');
    }
    await installed(dir, `${path}/@opentelemetry/api`, '@opentelemetry/api', '1.0.0');
    expect(await findPackageCopies(dir, isWatchedOtelPackage, { maxDepth: 2, maxEntries: 1000 })).toEqual({
      copies: [],
      truncated: true,
    });
    const found = await findPackageCopies(dir, isWatchedOtelPackage, { maxDepth: 10, maxEntries: 1000 });
    expect(found.copies.map((c) => c.version)).toEqual(['1.0.0']);
    expect(found.truncated).toBe(false);
    expect(
      (await findPackageCopies(dir, isWatchedOtelPackage, { maxDepth: 10, maxEntries: 3 })).truncated,
    ).toBe(true);
  });

  it('skips a folder without node_modules', async () => {
    const dir = join(scratch, 'empty');
    await mkdir(dir, { recursive: true });
    const run = await doctor(['127.0.0.1:1', '--dir', dir]);
    expect(run.check('otel-copies').status).toBe('skip');
  });
});
