import { CliError } from '../CliError.js';

/** An SLO file that cannot be used: `problems` lists every invalid field, one line each. */
export class SloError extends CliError<'invalid-slo'> {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(
      'invalid-slo',
      `${source}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`,
    );
    this.name = 'SloError';
    this.problems = problems;
  }
}
