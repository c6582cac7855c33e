/** `signalkit doctor`: checks a running service and its project, and says what is wrong. */
import { CliError } from '../CliError.js';
import { DOCTOR_EXIT_CODES, DOCTOR_USAGE, parseDoctorArgs } from '../doctor/doctorOptions.js';
import { runDoctor } from '../doctor/runDoctor.js';

export async function main(args: string[]): Promise<number> {
  let options: ReturnType<typeof parseDoctorArgs>;
  try {
    options = parseDoctorArgs(args, process.cwd());
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`signalkit doctor: ${error.message}\n\n${DOCTOR_USAGE}`);
    return error.exitCode;
  }
  if (options === 'help') {
    console.log(DOCTOR_USAGE);
    return DOCTOR_EXIT_CODES.ok;
  }
  return runDoctor(options, { stdout: process.stdout, env: process.env });
}
