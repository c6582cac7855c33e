import { describe, expect, it } from 'vitest';
import { describeOtelError } from './otelErrors.js';

class OTLPExporterError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly data: string,
  ) {
    super(message);
    this.name = 'OTLPExporterError';
  }
}

describe('describeOtelError', () => {
  it('names the error and the HTTP status, never the stack or the response body', () => {
    const error = new OTLPExporterError('Bad Request', 400, '{"echo":"Authorization: Bearer CANARY"}');
    const { line } = describeOtelError(error);
    expect(line).toContain('OTLPExporterError: Bad Request (HTTP 400)');
    expect(line).not.toContain('CANARY');
    expect(line).not.toContain(' at ');
  });

  it('gives one key per kind of error, so repeats are rate-limited together', () => {
    const a = describeOtelError(new OTLPExporterError('Bad Request', 400, 'a'));
    const b = describeOtelError(new OTLPExporterError('Bad Request', 400, 'b'));
    expect(a.key).toBe(b.key);
    expect(describeOtelError(new Error('connect ECONNREFUSED')).key).not.toBe(a.key);
  });

  it('bounds a long message, and takes strings and odd values', () => {
    expect(describeOtelError(new Error('x'.repeat(10_000))).line.length).toBeLessThan(400);
    expect(describeOtelError('plain text').line).toContain('plain text');
    expect(describeOtelError(undefined).line).toContain('Error');
  });
});
