import { type ChildProcess, spawn } from 'node:child_process';

/** A child process with its output collected, and ways to wait for it. */
export interface Child {
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when `text` appears on stdout or stderr; rejects if the process exits first. */
  waitFor(text: string, timeoutMillis?: number): Promise<void>;
  /** The exit code (or the signal name). */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export function startChild(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, timeoutMillis = 20_000) {
      return new Promise((resolve, reject) => {
        const seen = () => out.includes(text) || err.includes(text);
        if (seen()) return resolve();
        const check = () => {
          if (!seen()) return;
          done();
          resolve();
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`"${text}" did not appear in ${timeoutMillis} ms\nstdout: ${out}\nstderr: ${err}`),
          );
        }, timeoutMillis);
        const onExit = (code: number | null) => {
          done();
          reject(new Error(`exited with ${code} before "${text}"\nstdout: ${out}\nstderr: ${err}`));
        };
        const done = () => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          child.off('exit', onExit);
        };
        child.stdout?.on('data', check);
        child.stderr?.on('data', check);
        child.once('exit', onExit);
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
