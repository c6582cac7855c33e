import type { ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from '../../../../test/support/childProcess.js';
import { freePort } from '../../../../test/support/freePort.js';

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

/**
 * Starts a scenario app in a child process the way users start it, in a clean environment (nothing of the
 * test runner's OTEL_* settings leaks into the app). The app reads PORT and prints `listening <port>` on
 * stderr once it serves (stdout is the log stream under test).
 */
export async function startApp(script: string, options: AppOptions = {}): Promise<ChildApp> {
  const port = await freePort();
  const app = startChild(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: PACKAGE_ROOT,
    env: { PORT: String(port), ...options.env },
  });
  const waitFor = (predicate: (stdout: string, stderr: string) => boolean, what: string) =>
    app.waitFor(predicate, { what, timeoutMillis: 30_000 });
  try {
    await waitFor((_, stderr) => stderr.includes('listening '), 'listening');
  } catch (error) {
    await app.stop();
    throw error;
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child: app.process,
    stdout: app.stdout,
    stderr: app.stderr,
    waitFor,
    stop: app.stop,
  };
}

export interface ScriptResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a script to completion (60 s at most) and returns what it printed. */
export async function runScript(script: string, options: AppOptions = {}): Promise<ScriptResult> {
  const run = startChild(process.execPath, [...(options.nodeArgs ?? []), script, ...(options.args ?? [])], {
    cwd: PACKAGE_ROOT,
    env: options.env ?? {},
  });
  const timer = setTimeout(() => run.process.kill('SIGKILL'), 60_000);
  await run.exited;
  clearTimeout(timer);
  return { code: run.process.exitCode, stdout: run.stdout(), stderr: run.stderr() };
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
