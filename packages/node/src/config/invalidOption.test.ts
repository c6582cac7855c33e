import { describe, expect, it } from 'vitest';
import { invalidOption } from './invalidOption.js';
import { SignalkitError } from './SignalkitError.js';

describe('invalidOption', () => {
  it('names the caller, the option, what was expected and the value given', () => {
    const error = invalidOption(
      'initObservability',
      'traces.sampler',
      'one of always_on, always_off',
      'sometimes',
    );
    expect(error).toBeInstanceOf(SignalkitError);
    expect(error.code).toBe('SIGNALKIT_INVALID_OPTION');
    expect(error.message).toBe(
      'initObservability: option traces.sampler must be one of always_on, always_off, got "sometimes"',
    );
    expect(invalidOption('createLogger', 'limits', 'an object', undefined).message).toBe(
      'createLogger: option limits must be an object, got undefined',
    );
  });

  it('never shows the value of an option that may hold a credential', () => {
    for (const option of [
      'traces.headers',
      'metrics.otlp.endpoint',
      'metrics.prometheus.auth',
      'otlp.headers',
    ])
      expect(invalidOption('x', option, 'something else', 'Bearer CANARY').message).toBe(
        `x: option ${option} must be something else, got (hidden)`,
      );
  });
});
