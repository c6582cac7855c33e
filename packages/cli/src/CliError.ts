/**
 * What stops a CLI command, in one form for every command: a kebab-case code naming the kind of failure,
 * a message for a person, and the exit code scripts tell the kinds apart by. Kinds that carry data of
 * their own (an SLO file's problems, a scrape's URL and status, a line of Prometheus text) subclass it.
 */
export type CliErrorCode =
  | 'usage'
  | 'invalid-slo'
  | 'unreachable'
  | 'http-status'
  | 'not-prometheus'
  | 'no-golden-signals'
  | 'port-in-use';

/** Exit codes (0: done; 1: a check failed or an unexpected error). The README lists them per command. */
export const EXIT_CODES: Readonly<Record<CliErrorCode, number>> = Object.freeze({
  usage: 2,
  // A bad SLO file is a usage error too; its own code only spares it the usage text.
  'invalid-slo': 2,
  unreachable: 3,
  // An error status is an endpoint that answers, but not with metrics.
  'http-status': 4,
  'not-prometheus': 4,
  'no-golden-signals': 5,
  'port-in-use': 6,
});

export class CliError<Code extends CliErrorCode = CliErrorCode> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

/** The message of anything thrown, for a one-line report. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
