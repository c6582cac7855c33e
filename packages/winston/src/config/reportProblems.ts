import { diagnostics } from '../diagnostics/diagnostics.js';
import { type ConfigProblem, formatProblem } from './resolveConfig.js';

/** One diagnostic line per invalid variable (rate-limited per variable, so several loggers say it once). */
export function reportProblems(problems: readonly ConfigProblem[]): void {
  for (const problem of problems) diagnostics.error(`config:${problem.variable}`, formatProblem(problem));
}
