import { type ChildProcess, spawn } from 'node:child_process';

/** What a test waits for: text on stdout or stderr, or a condition on both. */
export type Condition = string | ((stdout: string, stderr: string) => boolean);

export interface WaitOptions {
  /** Named in the error; default the text waited for. */
  what?: string;
  /** Default 20 s. */
  timeoutMillis?: number;
}

/** A child process with its output collected, and ways to wait for it and to stop it. */
export interface Child {
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /**
   * Resolves once `condition` holds; rejects when the process ends first (the condition is checked once
   * more on the complete output) or after the timeout, with both streams in the message.
   */
  waitFor(condition: Condition, options?: WaitOptions): Promise<void>;
  /** The exit code, or the signal name; settles once the output is complete. */
  readonly exited: Promise<number | string>;
  /** SIGTERM unless it has ended; resolves with the exit code (`null` when a signal ended it). */
  stop(): Promise<number | null>;
}

export interface StartChildOptions {
  cwd?: string;
  /** The child's environment: nothing is inherited but PATH, so no OTEL_* of the runner leaks in. */
  env?: Record<string, string>;
}

/** Starts `command` with its stdout and stderr collected. */
export function startChild(command: string, args: readonly string[], options: StartChildOptions = {}): Child {
  const child = spawn(command, args, {
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
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
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      ended = { code, signal };
      resolve(ended);
    });
  });
  const output = () => `\nstdout: ${out}\nstderr: ${err}`;

  function waitFor(condition: Condition, waitOptions: WaitOptions = {}): Promise<void> {
    const holds =
      typeof condition === 'string'
        ? () => out.includes(condition) || err.includes(condition)
        : () => condition(out, err);
    const what = waitOptions.what ?? (typeof condition === 'string' ? `"${condition}"` : 'the condition');
    const timeoutMillis = waitOptions.timeoutMillis ?? 20_000;
    return new Promise((resolve, reject) => {
      if (holds()) return resolve();
      if (ended !== undefined)
        return reject(new Error(`exited (${ended.code ?? ended.signal}) before ${what}${output()}`));
      const done = (error?: Error) => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        if (error === undefined) resolve();
        else reject(error);
      };
      // After the collecting listeners: `out` and `err` already hold the chunk.
      const check = () => {
        if (holds()) done();
      };
      const timer = setTimeout(
        () => done(new Error(`timed out after ${timeoutMillis} ms waiting for ${what}${output()}`)),
        timeoutMillis,
      );
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      closed.then(({ code, signal }) => {
        if (holds()) done();
        else done(new Error(`exited (${code ?? signal}) before ${what}${output()}`));
      });
    });
  }

  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    waitFor,
    exited: closed.then(({ code, signal }) => code ?? signal ?? 'unknown'),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return (await closed).code;
    },
  };
}
