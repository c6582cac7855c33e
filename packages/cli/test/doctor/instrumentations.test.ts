import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctor } from './support/runDoctor.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'signalkit-doctor-instrumentations-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** A project whose node_modules holds these packages (their package.json only). */
async function project(name: string, packages: readonly string[]): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  for (const pkg of packages) {
    const file = join(dir, 'node_modules', pkg, 'package.json');
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ name: pkg, version: '1.0.0' }));
  }
  return dir;
}

// The endpoint is down on purpose: the project checks run without it.
const DOWN = '127.0.0.1:1';

describe('signalkit doctor: libraries without their instrumentation', () => {
  it('warns on each library whose instrumentation is missing and says what to install', async () => {
    const dir = await project('missing', [
      'pg',
      'ioredis',
      '@opentelemetry/instrumentation-ioredis',
      'express',
    ]);
    const run = await doctor([DOWN, '--dir', dir]);
    expect(run.check('instrumentations')).toEqual({
      id: 'instrumentations',
      status: 'warn',
      summary: 'no spans from pg: its instrumentation is not installed',
      detail: ['pg: @opentelemetry/instrumentation-pg'],
      fix: 'npm install @opentelemetry/instrumentation-pg (or @opentelemetry/auto-instrumentations-node for every instrumentation)',
    });
  });

  it('names the redis client by the package the app has (@redis/client counts for redis)', async () => {
    const dir = await project('redis', ['@redis/client', 'mysql2']);
    const run = await doctor([DOWN, '--dir', dir]);
    expect(run.check('instrumentations')).toMatchObject({
      status: 'warn',
      summary: 'no spans from mysql2, @redis/client: their instrumentations are not installed',
      detail: [
        'mysql2: @opentelemetry/instrumentation-mysql2',
        '@redis/client: @opentelemetry/instrumentation-redis',
      ],
    });
  });

  it('is content with auto-instrumentations-node, and with a project that has no such library', async () => {
    const auto = await project('auto', ['pg', 'mongodb', '@opentelemetry/auto-instrumentations-node']);
    expect((await doctor([DOWN, '--dir', auto])).check('instrumentations')).toEqual({
      id: 'instrumentations',
      status: 'ok',
      summary: 'spans from pg, mongodb (through @opentelemetry/auto-instrumentations-node)',
    });
    // Framework middleware instrumentations are off by default: express alone is no reason to warn.
    const plain = await project('plain', ['express']);
    expect((await doctor([DOWN, '--dir', plain])).check('instrumentations')).toMatchObject({
      status: 'ok',
      summary: 'no library with an instrumentation in the catalogue besides node:http and fetch',
    });
  });
});
