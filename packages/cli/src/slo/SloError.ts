/** An SLO file that cannot be used: `problems` lists every invalid field, one line each. */
export class SloError extends Error {
  readonly code = 'SLO_INVALID';
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(`${source}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
    this.name = 'SloError';
    this.problems = problems;
  }
}
