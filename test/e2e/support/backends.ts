import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** Paths of the backend binaries, as scripts/install-backends.sh found or built them. */
export interface Backends {
  readonly prometheus: string;
  readonly promtool: string;
  readonly alertmanager: string;
  readonly otelcol: string;
  /** `undefined` when Jaeger could not be built here; {@link jaegerUnavailable} says why. */
  readonly jaeger: string | undefined;
  readonly jaegerUnavailable: string;
  /** What the script printed: the version of each backend. */
  readonly versions: string;
}

/**
 * Runs scripts/install-backends.sh (idempotent: about a second once everything is cached; the first
 * build of the collector and Jaeger takes many minutes) and reads the paths it wrote.
 */
export async function installBackends(): Promise<Backends> {
  const { status, stdout, stderr } = await new Promise<{
    status: number | null;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    const child = spawn('bash', [join(ROOT, 'scripts', 'install-backends.sh')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ status: code, stdout: out, stderr: err }));
  });
  if (status !== 0)
    throw new Error(
      `scripts/install-backends.sh failed (exit ${status}):\n${stdout}\n--- stderr:\n${stderr}`,
    );
  const env = new Map(
    (await readFile(join(ROOT, '.cache', 'backends.env'), 'utf8'))
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const path = (key: string) => {
    const value = env.get(key);
    if (value === undefined || value === '') throw new Error(`.cache/backends.env has no ${key}`);
    return value;
  };
  return {
    prometheus: path('PROMETHEUS'),
    promtool: path('PROMTOOL'),
    alertmanager: path('ALERTMANAGER'),
    otelcol: path('OTELCOL'),
    jaeger: env.get('JAEGER') || undefined,
    jaegerUnavailable: env.get('JAEGER_UNAVAILABLE') ?? '',
    // The version table is the script's stdout; builds and installs report on stderr.
    versions: stdout.slice(stdout.indexOf('backends (')),
  };
}
