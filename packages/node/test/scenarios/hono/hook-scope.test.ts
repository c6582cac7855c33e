import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { REGISTER_ESM, startApp } from '../../support/childApp.js';
import { send } from '../../support/httpLoad.js';
import { runNode } from '../../support/runNode.js';

/** Prints whether signalkit registered its module hook in this process. */
const PROBE = `console.log(JSON.stringify({ hooked: globalThis[Symbol.for('signalkit.sourceHook')] !== undefined }));\n`;

/**
 * The module hook is only for apps that have a framework it patches: an app without Hono keeps Node's own
 * module loading untouched. Apps in temporary folders outside this repository (whose node_modules has hono).
 */
describe('the module hook is registered only where the app has Hono', () => {
  const root = mkdtempSync(join(tmpdir(), 'signalkit-hookscope-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  async function probe(withHono: boolean): Promise<unknown> {
    const dir = join(root, withHono ? 'with' : 'without');
    mkdirSync(dir, { recursive: true });
    if (withHono) {
      mkdirSync(join(dir, 'node_modules', 'hono'), { recursive: true });
      writeFileSync(join(dir, 'node_modules', 'hono', 'package.json'), '{"name":"hono","version":"4.0.0"}');
    }
    writeFileSync(join(dir, 'probe.mjs'), PROBE);
    const run = await runNode(['--import', REGISTER_ESM, join(dir, 'probe.mjs')], {
      cwd: dir,
      env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()) },
    });
    expect(run.stderr).toBe('');
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
  }

  it('none without Hono installed', async () => {
    expect(await probe(false)).toEqual({ hooked: false });
  });

  it('one with Hono installed', async () => {
    expect(await probe(true)).toEqual({ hooked: true });
  });
});

describe('Hono required before signalkit started', () => {
  it('is reported once, naming the file and what to do', async () => {
    const run = await runNode([resolve(import.meta.dirname, 'late.cjs')], {
      env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(await freePort()) },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('started\n');
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^signalkit warn: route capture for hono: \S+\/hono\/dist\/cjs\/hono-base\.js was loaded before signalkit started, so its routes are left out: start signalkit first/,
    );
  });
});

describe('a Node.js without module.registerHooks', () => {
  it('serves the Hono app without routes and says why in one line (at info level)', async () => {
    const app = await startApp(resolve(import.meta.dirname, 'app.mjs'), {
      mode: 'import',
      nodeArgs: ['--import', resolve(import.meta.dirname, 'no-hooks.mjs')],
      env: { OTEL_LOG_LEVEL: 'info' },
    });
    try {
      expect((await send(app.url, 'GET', '/users/1')).status).toBe(200);
      const text = await app.metrics();
      expect(text).toMatch(
        /http_server_request_duration_seconds_count\{http_request_method="GET",http_response_status_code="200"\} 1/,
      );
      expect(text).not.toContain('http_route=');
      const lines = app
        .stderr()
        .split('\n')
        .filter((line) => line.includes('registerHooks'));
      expect(lines).toEqual([
        `signalkit info: Node.js ${process.versions.node} has no module.registerHooks (needs >= 22.15 or >= 23.5): Hono routes have no http.route`,
      ]);
    } finally {
      await app.stop();
    }
  });
});
