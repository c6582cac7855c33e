/** Codes of the errors @signalkit/winston throws at creation for programmer errors (bad option types). */
export type SignalkitErrorCode = 'SIGNALKIT_INVALID_OPTION';

/** Thrown only when a logger, format or transport is created with options of the wrong type; never at runtime. */
export class SignalkitError extends Error {
  readonly code: SignalkitErrorCode;

  constructor(code: SignalkitErrorCode, message: string) {
    super(message);
    this.name = 'SignalkitError';
    this.code = code;
  }
}
