import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './freePort.js';

const here = dirname(fileURLToPath(import.meta.url));
/** packages/winston: scenario apps run from here, so `@signalkit/winston` and `@signalkit/node` resolve. */
export const PACKAGE_ROOT = resolve(here, '../..');

export interface AppOptions {
  env?: Record<string, string>;
  /** Node flags before the script, e.g. `['--require', '@signalkit/node/register']`. */
  nodeArgs?: string[];
  args?: string[];
}

export interface ChildApp {
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once `predicate(stdout, stderr)` holds; rejects when the app exits first or after 30 s. */
  waitFor(predicate: (stdout: string, stderr: string) => boolean, what: string): Promise<void>;
  stop(): Promise<number | null>;
}

function baseEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  // A clean environment: nothing of the test runner's OTEL_* settings leaks into the app.
  return { PATH: process.env.PATH ?? '', ...extra };
}

/**
 * Starts a scenario app in a child process the way users start it. The app reads PORT and prints
 * `listening <port>` on stderr once it serves (stdout is the log stream under test).
 */
export async function startApp(script: string, options: AppOptions = {}): Promise<ChildApp> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: PACKAGE_ROOT,
    env: baseEnv({ PORT: String(port), ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    notify();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    notify();
  });
  const exited = once(child, 'close');

  function waitFor(predicate: (stdout: string, stderr: string) => boolean, what: string): Promise<void> {
    return new Promise((resolveWait, reject) => {
      const done = (error?: Error) => {
        waiters.delete(check);
        clearTimeout(timer);
        child.off('close', onExit);
        if (error === undefined) resolveWait();
        else reject(error);
      };
      const check = () => {
        if (predicate(out, err)) done();
      };
      const onExit = (code: number | null) => {
        if (predicate(out, err)) done();
        else done(new Error(`app exited (${code}) before ${what}\nstdout: ${out}\nstderr: ${err}`));
      };
      const timer = setTimeout(
        () => done(new Error(`timed out waiting for ${what}\nstdout: ${out}\nstderr: ${err}`)),
        30_000,
      );
      waiters.add(check);
      child.on('close', onExit);
      check();
    });
  }

  await waitFor((_, e) => e.includes('listening '), 'listening');
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a script to completion (60 s at most) and returns what it printed. */
export async function runScript(script: string, options: AppOptions = {}): Promise<ScriptResult> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: PACKAGE_ROOT,
    env: baseEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const [code] = await once(child, 'close');
  clearTimeout(timer);
  return { code: code as number | null, stdout, stderr };
}

/** Parses every stdout line as JSON; a line that is not JSON fails the test with the line shown. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`stdout line is not JSON: ${line}`);
      }
    });
}
