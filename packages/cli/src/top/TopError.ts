/** What stopped `signalkit top`; each has its own exit code so scripts can tell them apart. */
export type TopErrorCode =
  | 'usage'
  | 'invalid-slo'
  | 'unreachable'
  | 'not-prometheus'
  | 'no-golden-signals'
  | 'port-in-use';

/** Exit codes of `signalkit top` (0: ran and printed; 1: an unexpected failure). */
export const TOP_EXIT_CODES: Readonly<Record<TopErrorCode, number>> = Object.freeze({
  usage: 2,
  // A bad --slo file is a usage error too; its own code only spares it the usage text.
  'invalid-slo': 2,
  unreachable: 3,
  'not-prometheus': 4,
  'no-golden-signals': 5,
  'port-in-use': 6,
});

/** A failure `signalkit top` explains in one message and exits on. */
export class TopError extends Error {
  readonly code: TopErrorCode;

  constructor(code: TopErrorCode, message: string) {
    super(message);
    this.name = 'TopError';
    this.code = code;
  }

  get exitCode(): number {
    return TOP_EXIT_CODES[this.code];
  }
}
