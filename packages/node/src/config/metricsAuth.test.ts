import { describe, expect, it } from 'vitest';
import { createMetricsAuth, isMetricsAuthOptions, parseMetricsAuth } from './metricsAuth.js';
import { resolveConfig } from './resolveConfig.js';
import { SignalkitError } from './SignalkitError.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('parseMetricsAuth', () => {
  it('reads bearer:<token> and basic:<user>:<password> (the password may contain colons)', () => {
    expect(parseMetricsAuth('bearer:s3cret')).toEqual({ type: 'bearer', token: 's3cret' });
    expect(parseMetricsAuth('Basic:scraper:pa:ss')).toEqual({
      type: 'basic',
      username: 'scraper',
      password: 'pa:ss',
    });
  });

  it.each(['s3cret', 'bearer:', 'bearer:a b', 'basic:user', 'basic::pw', 'digest:x', 'bearer:tab\there'])(
    'refuses %j',
    (raw) => {
      expect(parseMetricsAuth(raw)).toBeUndefined();
    },
  );
});

describe('createMetricsAuth', () => {
  it('bearer: accepts the token (scheme in any case), refuses anything else', () => {
    const auth = createMetricsAuth({ type: 'bearer', token: 's3cret' });
    expect(auth.isAuthorized('Bearer s3cret')).toBe(true);
    expect(auth.isAuthorized('bearer s3cret')).toBe(true);
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer s3cre',
      'Bearer s3cret2',
      'Basic s3cret',
      's3cret',
    ])
      expect(auth.isAuthorized(header), String(header)).toBe(false);
  });

  it('basic: accepts the user and password, refuses others', () => {
    const auth = createMetricsAuth({ type: 'basic', username: 'scraper', password: 'pa:ss' });
    expect(auth.isAuthorized(basic('scraper', 'pa:ss'))).toBe(true);
    for (const header of [
      undefined,
      basic('scraper', 'pa:s'),
      basic('other', 'pa:ss'),
      'Bearer pa:ss',
      'Basic ***',
    ])
      expect(auth.isAuthorized(header), String(header)).toBe(false);
  });

  it('keeps no readable secret: the check prints as its scheme only', () => {
    const auth = createMetricsAuth({ type: 'bearer', token: 'CANARY-token-5e1f' });
    expect(JSON.stringify(auth)).toBe('{"scheme":"bearer"}');
  });
});

describe('credentials in the resolved configuration', () => {
  it('the environment variable: the configuration can be printed without the secret', () => {
    const { config, problems } = resolveConfig({ env: { SIGNALKIT_METRICS_AUTH: 'basic:u:CANARY-pw-77aa' } });
    expect(problems).toEqual([]);
    expect(config.metrics.prometheus?.auth?.scheme).toBe('basic');
    expect(JSON.stringify(config)).not.toContain('CANARY');
  });

  it('the option wins over the environment', () => {
    const { config } = resolveConfig({
      env: { SIGNALKIT_METRICS_AUTH: 'basic:u:p' },
      metrics: { prometheus: { auth: { type: 'bearer', token: 'from-code' } } },
    });
    expect(config.metrics.prometheus?.auth?.isAuthorized('Bearer from-code')).toBe(true);
  });

  it('an ill-formed option throws a SignalkitError that does not quote the secret', () => {
    const attempt = () =>
      resolveConfig({ metrics: { prometheus: { auth: { type: 'bearer', token: 'CANARY x' } } } });
    expect(attempt).toThrow(SignalkitError);
    expect(attempt).toThrow(/metrics\.prometheus\.auth/);
    expect(attempt).not.toThrow(/CANARY/);
    expect(isMetricsAuthOptions({ type: 'basic', username: 'a:b', password: 'c' })).toBe(false);
  });
});
