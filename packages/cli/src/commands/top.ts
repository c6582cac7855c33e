/** `signalkit top`: live golden signals of services that serve Prometheus metrics. */

import { CliError } from '../CliError.js';
import { runTop } from '../top/runTop.js';
import { parseTopArgs, TOP_USAGE } from '../top/topOptions.js';

export async function main(args: string[]): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  try {
    const options = parseTopArgs(args);
    if (options === 'help') {
      console.log(TOP_USAGE);
      return 0;
    }
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    return await runTop(options, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      signal: stop.signal,
    });
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`signalkit top: ${error.message}`);
    if (error.code === 'usage') console.error(`\n${TOP_USAGE}`);
    return error.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
