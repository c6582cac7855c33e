import { startChild } from '../../../../../test/support/childProcess.js';
import { SIGNALKIT_BIN } from '../../top/support/examplePaths.js';

export interface CheckJson {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  summary: string;
  detail?: string[];
  fix?: string;
}

export interface DoctorRun {
  code: number | string;
  stdout: string;
  stderr: string;
  /** The parsed --json report (undefined for a text run). */
  checks: CheckJson[];
  check(id: string): CheckJson;
}

/** Runs the built `signalkit doctor` (run `pnpm run build` first) with `--json` unless `text` is set. */
export async function doctor(
  args: string[],
  options: { text?: boolean; cwd?: string } = {},
): Promise<DoctorRun> {
  const child = startChild(
    process.execPath,
    [SIGNALKIT_BIN, 'doctor', ...(options.text === true ? [] : ['--json']), '--timeout', '2', ...args],
    { env: { NO_COLOR: '1' }, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) },
  );
  const code = await child.exited;
  const stdout = child.stdout();
  const checks: CheckJson[] =
    options.text === true ? [] : (JSON.parse(stdout) as { checks: CheckJson[] }).checks;
  return {
    code,
    stdout,
    stderr: child.stderr(),
    checks,
    check(id) {
      const found = checks.find((c) => c.id === id);
      if (found === undefined) throw new Error(`no check ${id} in ${stdout}`);
      return found;
    },
  };
}
