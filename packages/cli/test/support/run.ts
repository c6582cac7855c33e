import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

/** Runs a command to completion (no shell); returns its exit code and combined output. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMillis?: number } = {},
): { status: number | null; output: string } {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMillis ?? 120_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `${command} is not installed (scripts/install-system-deps.sh installs the Debian packages)`,
    );
  }
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
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
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
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
      resolve({ status, output });
    });
  });
}
