import { describe, expect, it } from 'vitest';
import { undiciUrlRedactor } from './redactUrl.js';
import { REDACTED_QUERY_PARAMS } from './startTracing.js';

const redact = undiciUrlRedactor(REDACTED_QUERY_PARAMS);

describe('undiciUrlRedactor', () => {
  it('replaces the values of signed-URL parameters in url.full and url.query', () => {
    const attributes = redact({
      origin: 'https://bucket.s3.amazonaws.com',
      path: '/key?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc&X-Amz-Security-Token=t&versionId=3',
    });
    expect(attributes).toEqual({
      'url.full':
        'https://bucket.s3.amazonaws.com/key?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED&versionId=3',
      'url.query':
        '?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&X-Amz-Security-Token=REDACTED&versionId=3',
    });
  });

  it('matches parameter names without regard to case', () => {
    expect(redact({ origin: 'http://h', path: '/?SIG=1&x-goog-signature=2' })['url.query']).toBe(
      '?SIG=REDACTED&x-goog-signature=REDACTED',
    );
  });

  it('redacts credentials in the origin', () => {
    expect(redact({ origin: 'http://user:pw@h:8080', path: '/a' })['url.full']).toBe(
      'http://REDACTED:REDACTED@h:8080/a',
    );
  });

  it('leaves a URL without credentials to the instrumentation (no attribute), and never throws', () => {
    expect(redact({ origin: 'http://h', path: '/a?page=2' })).toEqual({});
    expect(redact({ origin: 'not a url', path: '/a' })).toEqual({});
    expect(redact({})).toEqual({});
  });
});
