import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort.js';

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
  const port = await freePort();
  const metricsPort = await freePort();
  const preload =
    options.mode === 'require'
      ? ['--require', REGISTER_CJS]
      : options.mode === 'import'
        ? ['--import', REGISTER_ESM]
        : [];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...preload, script, ...(options.args ?? [])],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        SIGNALKIT_TEST_INIT: options.mode === 'init' ? '1' : '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`app did not start in 20 s\nstdout: ${out}\nstderr: ${err}`)),
      20_000,
    );
    const onData = () => {
      if (out.includes('listening ')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolveReady();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before listening\nstdout: ${out}\nstderr: ${err}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  return {
    port,
    metricsPort,
    url,
    metricsUrl,
    child,
    stdout: () => out,
    stderr: () => err,
    async metrics() {
      const res = await fetch(metricsUrl);
      if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
      return res.text();
    },
    async stop() {
      // Already gone (exited, or killed by a signal): 'exit' will not come again.
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}
