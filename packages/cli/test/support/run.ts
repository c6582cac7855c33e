import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

/**
 * What a command left: its exit code, stdout and stderr apart (parse stdout only: a tool writes progress and
 * warnings to stderr, `go run` its module downloads), and both together for failure messages.
 */
export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout then stderr: for messages and `toContain` checks, never for parsing. */
  readonly output: string;
}

function result(status: number | null, stdout: string, stderr: string): RunResult {
  return { status, stdout, stderr, output: `${stdout}${stderr}` };
}

/** Runs a command to completion (no shell). */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMillis?: number } = {},
): RunResult {
  const done = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMillis ?? 120_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (done.error !== undefined && (done.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `${command} is not installed (scripts/install-system-deps.sh installs the Debian packages)`,
    );
  }
  return result(done.status, done.stdout ?? '', done.stderr ?? '');
}

const running = new Set<ChildProcess>();
// A runner that exits mid-command (a timeout, Ctrl-C) takes the command down with it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * {@link run} without blocking the test worker: for commands that take minutes (the collector build, the
 * first `go run`), during which vitest's worker must keep answering its runner.
 */
export function runAsync(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMillis?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMillis ?? 120_000);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error.code === 'ENOENT' ? new Error(`${command} is not installed`) : error);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      running.delete(child);
      resolve(result(status, stdout, stderr));
    });
  });
}
