import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { REGISTER_CJS, REGISTER_ESM } from '../../support/childApp.js';
import { lines, reports, runNode } from '../../support/runNode.js';

const SHORT = resolve(import.meta.dirname, 'short.cjs');
const WORKERS = resolve(import.meta.dirname, 'workers.cjs');

function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** A throwaway project whose start script runs the short script. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'signalkit-pm-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'pm-scenario',
      private: true,
      scripts: { start: `node ${JSON.stringify(SHORT)}` },
    }),
  );
  return dir;
}

describe.each(['npm', 'pnpm'])('NODE_OPTIONS through `%s start`', (manager) => {
  it('signalkit starts in the app, not in the package manager that runs it', async (context) => {
    if (!onPath(manager)) return context.skip(`${manager} is not installed`);
    const metricsPort = await freePort();
    const run = await runNode(['start'], {
      node: manager,
      cwd: project(),
      env: {
        HOME: process.env.HOME ?? tmpdir(),
        NODE_OPTIONS: `--require ${REGISTER_CJS}`,
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        SCRAPE_METRICS: '1',
        npm_config_update_notifier: 'false',
      },
    });
    expect(run.hung).toBe(false);
    expect(run.code).toBe(0);
    // The app's own endpoint answered, with the app's requests: the package manager did not hold the port.
    expect(reports(run.stdout, 'scraped')).toEqual([{ status: 200, counted: 2, ownEndpoint: true }]);
    expect(lines(run.stderr).filter((line) => line.startsWith('signalkit'))).toEqual([]);
  });
});

describe.each([
  ['--require', (script: string) => ['--require', REGISTER_CJS, script], {}],
  ['--import', (script: string) => ['--import', REGISTER_ESM, script], {}],
  ['NODE_OPTIONS', (script: string) => [script], { NODE_OPTIONS: `--require ${REGISTER_CJS}` }],
])('worker threads under the preload (%s)', (_name, args, env) => {
  it('start nothing: no address-in-use line per worker, the main thread serves its metrics', async () => {
    const metricsPort = await freePort();
    const run = await runNode(args(WORKERS), {
      env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort), ...env },
    });
    expect(run.code).toBe(0);
    expect(reports(run.stdout, 'workers')).toEqual([{ done: 2, scrape: 200 }]);
    expect(run.stderr).toBe('');
  });
});
