import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process started by {@link ProcessGroups.start}: the leader of its own process group. */
export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  /** Its stdout and stderr, as written so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once it exited. */
  readonly exited: Promise<number | string | null>;
}

const everyGroup = new Set<number>();
// Last resort when the runner exits without its afterAll hooks: no process of these groups outlives it.
process.on('exit', () => {
  for (const pid of everyGroup) killGroup(pid, 'SIGKILL');
});

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts long-running processes, each in a process group of its own (so their children go too), with
 * stdout and stderr in a file per process under `logDir`; {@link stopAll} ends every group.
 */
export class ProcessGroups {
  private readonly started: Started[] = [];

  constructor(private readonly logDir: string) {}

  start(
    name: string,
    command: string,
    args: readonly string[],
    options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
  ): Started {
    const logFile = join(this.logDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    closeSync(fd);
    const exited = new Promise<number | string | null>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? signal));
      child.once('error', (error) => resolve(error.message));
    });
    if (child.pid !== undefined) everyGroup.add(child.pid);
    const started: Started = {
      name,
      child,
      exited,
      output: () => {
        try {
          return readFileSync(logFile, 'utf8');
        } catch {
          return '';
        }
      },
    };
    this.started.push(started);
    return started;
  }

  /** The last lines of every process's output, for a failure message. */
  tails(lines = 15): string {
    return this.started
      .map((s) => `--- ${s.name} (pid ${s.child.pid}):\n${s.output().split('\n').slice(-lines).join('\n')}`)
      .join('\n');
  }

  /** SIGTERM to every group, then SIGKILL to any group still alive after `graceMillis`. */
  async stopAll(graceMillis = 5000): Promise<void> {
    const pids = this.started.map((s) => s.child.pid).filter((pid): pid is number => pid !== undefined);
    for (const pid of pids) killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMillis;
    while (pids.some(groupAlive) && Date.now() < deadline) await sleep(100);
    for (const pid of pids) {
      if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
      everyGroup.delete(pid);
    }
    await Promise.all(this.started.map((s) => (s.child.exitCode === null ? s.exited : undefined)));
  }
}

export function sleep(millis: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

/**
 * Polls `check` every `everyMillis` until it returns a value other than `undefined`/`false`; rejects after
 * `timeoutMillis` with `what` and the last error `check` threw.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  { timeoutMillis = 60_000, everyMillis = 250 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const reason = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMillis} ms waiting for ${what}${reason}`);
    }
    await sleep(everyMillis);
  }
}

/**
 * Reads `read()` every `everyMillis` until `done` accepts the value or `timeoutMillis` passed, and returns
 * the last value either way: the caller's assertions then show what was there (not only "timed out").
 */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMillis = 60_000, everyMillis = 1000 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(everyMillis);
  }
}
