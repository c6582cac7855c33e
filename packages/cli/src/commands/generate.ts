/** `signalkit generate --slo <file> --out <dir> [--check]`: rules, rule tests and dashboards from an SLO file. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, messageOf } from '../CliError.js';
import { generateFiles } from '../generate/generateFiles.js';
import { loadSlo } from '../slo/loadSlo.js';
import { SloError } from '../slo/SloError.js';

const USAGE = `Usage: signalkit generate --slo <file> --out <dir> [--check]

Writes, under <dir>, from the SLO file:
  prometheus/rules/signalkit-recording.yml           recording rules shared by alerts and dashboard
  prometheus/rules/signalkit-alerts.yml              alerts (burn rates, latency, traffic, saturation, logs)
  prometheus/rules/tests/signalkit-alerts.test.yml   promtool test rules cases for every alert
  grafana/dashboards/signalkit/golden-signals.json   the Golden signals dashboard

Options:
  --slo <file>   the SLO file (YAML), e.g. docker/slo.yaml
  --out <dir>    the output folder, e.g. docker
  --check        write nothing; exit 1 if a file is missing or differs (for CI)

Exit codes: 0 written or up to date, 1 out of date (--check), 2 usage or invalid SLO file.`;

/** Reports a failure the way every command does: the message, the usage after a usage error, its exit code. */
function fail(error: CliError): number {
  console.error(`signalkit generate: ${error.message}${error.code === 'usage' ? `\n\n${USAGE}` : ''}`);
  return error.exitCode;
}

export async function main(args: string[]): Promise<number> {
  let values: {
    slo?: string | undefined;
    out?: string | undefined;
    check?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        slo: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return fail(new CliError('usage', messageOf(error)));
  }
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  if (values.slo === undefined || values.out === undefined) {
    return fail(new CliError('usage', '--slo and --out are required'));
  }
  let files: ReturnType<typeof generateFiles>;
  try {
    files = generateFiles(await loadSlo(values.slo));
  } catch (error) {
    // The same message `signalkit top --slo` gives for the same file.
    if (error instanceof SloError)
      return fail(new CliError('invalid-slo', `invalid SLO file ${error.message}`));
    if (error instanceof CliError) return fail(error);
    throw error;
  }
  if (values.check === true) {
    const stale: string[] = [];
    for (const file of files) {
      const current = await readFile(join(values.out, file.path), 'utf8').catch(() => undefined);
      if (current !== file.content) stale.push(file.path);
    }
    if (stale.length > 0) {
      console.error(
        `signalkit generate: out of date under ${values.out}: ${stale.join(', ')}\n` +
          `Run: signalkit generate --slo ${values.slo} --out ${values.out}`,
      );
      return 1;
    }
    console.log(`signalkit generate: ${files.length} files up to date under ${values.out}`);
    return 0;
  }
  for (const file of files) {
    const path = join(values.out, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    console.log(`wrote ${path}`);
  }
  return 0;
}
