import { describe, expect, it } from 'vitest';
import { describeError } from './describeError.js';

describe('describeError', () => {
  it('gives the type of what is not an object', () => {
    expect(describeError('boom')).toBe('string');
    expect(describeError(undefined)).toBe('undefined');
    expect(describeError(null)).toBe('object');
  });

  it('names the error and its HTTP status or its code', () => {
    expect(describeError(Object.assign(new Error('x'), { name: 'OTLPExporterError', code: 503 }))).toBe(
      'OTLPExporterError (HTTP 503)',
    );
    expect(describeError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      'Error (ECONNREFUSED)',
    );
  });

  it('keeps a plain-word message', () => {
    expect(describeError(new TypeError('Request timed out'))).toBe('TypeError: Request timed out');
  });

  it('never quotes a message that could hold a URL, a token or a body', () => {
    const secrets = [
      'POST https://user:pass@collector.example/v1/logs failed',
      'Bearer abc.def.ghi rejected',
      '{"error":"quota exceeded for key sk-123"}',
    ];
    for (const message of secrets) expect(describeError(new Error(message))).toBe('Error');
  });

  it('does not trust a name or code that is not a plain identifier', () => {
    const error = { name: 'https://evil.example/?token=1', code: 'lower case code', message: 42 };
    expect(describeError(error)).toBe('Error');
  });
});
