import type { ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../../../../test/support/childProcess.js';
import { freePort } from '../../../../test/support/freePort.js';

const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_ROOT = resolve(here, '../..');
export const REGISTER_CJS = resolve(PACKAGE_ROOT, 'dist/register.cjs');
export const REGISTER_ESM = resolve(PACKAGE_ROOT, 'dist/register.mjs');

/** How the app under test loads signalkit. */
export type StartMode = 'require' | 'import' | 'init' | 'none';

export interface ChildApp {
  readonly port: number;
  readonly metricsPort: number;
  readonly url: string;
  readonly metricsUrl: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  metrics(): Promise<string>;
  stop(): Promise<number | null>;
}

export interface StartOptions {
  mode: StartMode;
  env?: Record<string, string>;
  args?: string[];
  /** Extra node flags. */
  nodeArgs?: string[];
}

/**
 * Starts a scenario app in a child process, the way users start it, on free ports. The app prints
 * `listening <port>` once it serves; it reads its port from PORT. `init` mode passes SIGNALKIT_TEST_INIT=1
 * and the app calls initObservability() itself.
 */
export async function startApp(script: string, options: StartOptions): Promise<ChildApp> {
  // A port found free can be taken by another test's process before the app binds it: then start again
  // on new ports (the app's own EADDRINUSE, not signalkit's one-line diagnostic, ends it early).
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(script, options);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(script: string, options: StartOptions): Promise<ChildApp> {
  const port = await freePort();
  const metricsPort = await freePort();
  const preload =
    options.mode === 'require'
      ? ['--require', REGISTER_CJS]
      : options.mode === 'import'
        ? ['--import', REGISTER_ESM]
        : [];
  const app = startChild(
    process.execPath,
    [...(options.nodeArgs ?? []), ...preload, script, ...(options.args ?? [])],
    {
      env: {
        PORT: String(port),
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        SIGNALKIT_TEST_INIT: options.mode === 'init' ? '1' : '',
        ...options.env,
      },
    },
  );
  try {
    await app.waitFor((stdout) => stdout.includes('listening '), {
      what: 'listening',
      timeoutMillis: 20_000,
    });
  } catch (error) {
    await app.stop();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  return {
    port,
    metricsPort,
    url,
    metricsUrl,
    child: app.process,
    stdout: app.stdout,
    stderr: app.stderr,
    async metrics() {
      const res = await fetch(metricsUrl);
      if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
      return res.text();
    },
    stop: app.stop,
  };
}
