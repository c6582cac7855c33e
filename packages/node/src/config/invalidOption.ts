import { SignalkitError } from './SignalkitError.js';

/** Option names whose values may hold credentials: an error never shows them. */
const SECRET = /headers|endpoint|auth|token|password|secret/i;

/**
 * The one wording of an option of the wrong type or range, for every signalkit package:
 * `initObservability: option traces.sampler must be one of ..., got "x"` (the value hidden where it may hold a
 * credential). `caller` names the function the option was given to.
 */
export function invalidOption(
  caller: string,
  option: string,
  expected: string,
  value: unknown,
): SignalkitError {
  const shown = SECRET.test(option) ? '(hidden)' : (JSON.stringify(value) ?? String(value));
  return new SignalkitError(
    'SIGNALKIT_INVALID_OPTION',
    `${caller}: option ${option} must be ${expected}, got ${shown}`,
  );
}
