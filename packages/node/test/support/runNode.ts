import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface RunResult {
  /** Exit code, or null when a signal ended the process. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** True when the process had to be killed because it did not end by itself. */
  readonly hung: boolean;
}

export interface RunOptions {
  /** Environment of the child: nothing is inherited but PATH. */
  env?: Record<string, string>;
  /** The node binary, or another command (npm, pnpm); default the node running the tests. */
  node?: string;
  /** Working directory of the child. */
  cwd?: string;
  /**
   * A safety net, not a measurement: a process still alive after this long is killed and reported
   * as `hung`, so a test fails with a message instead of timing out. Generous on purpose.
   */
  hangAfterMillis?: number;
}

/** Runs `node <args>` (or another command) to completion and collects its output. */
export function runNode(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, args, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      env: { PATH: process.env.PATH ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, options.hangAfterMillis ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}

/** The lines of a stream, without the empty last one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** The lines of the child's stdout starting with `tag `, parsed as JSON. */
export function reports(stdout: string, tag: string): unknown[] {
  return lines(stdout)
    .filter((line) => line.startsWith(`${tag} `))
    .map((line) => JSON.parse(line.slice(tag.length + 1)) as unknown);
}

/**
 * The TCP ports a process listens on (Linux: its socket inodes matched against /proc/net/tcp{,6}),
 * so a test can tell that nothing but the app's own server listens, whatever port it would have used.
 */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const row of text.split('\n').slice(1)) {
      const cols = row.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const [, local, , state, , , , , , inode] = cols;
      if (state !== '0A' || inode === undefined || !inodes.has(inode)) continue;
      ports.add(Number.parseInt(local?.split(':')[1] ?? '', 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}
