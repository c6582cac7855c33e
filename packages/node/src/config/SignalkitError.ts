/** Codes of the errors signalkit throws at init for programmer errors (bad option types). */
export type SignalkitErrorCode = 'SIGNALKIT_INVALID_OPTION';

/**
 * Thrown only at init (`initObservability()`, or creating a @signalkit/winston logger, format or transport),
 * for options of the wrong type or range; never at runtime. Both packages throw this one class.
 */
export class SignalkitError extends Error {
  readonly code: SignalkitErrorCode;

  constructor(code: SignalkitErrorCode, message: string) {
    super(message);
    this.name = 'SignalkitError';
    this.code = code;
  }
}
