import { describe, expect, it } from 'vitest';
import { resolveRecordConfig } from '../config/resolveConfig.js';
import { CIRCULAR, REDACTED, Sanitizer, TRUNCATED } from './Sanitizer.js';

function sanitizer(options: Parameters<typeof resolveRecordConfig>[0] = {}): Sanitizer {
  return new Sanitizer(resolveRecordConfig({ env: {}, ...options }).config);
}

function clean(value: unknown, options: Parameters<typeof resolveRecordConfig>[0] = {}): unknown {
  return sanitizer(options).value(value, 0);
}

describe('Sanitizer: redaction', () => {
  it('redacts the built-in sensitive keys at any depth, in arrays too, whatever the case', () => {
    const out = clean({
      user: 'ada',
      Password: 'p1',
      nested: { deeper: [{ apiKey: 'k1' }, { list: [{ 'X-Api-Key': 'k2' }] }] },
      headers: { Authorization: 'Bearer t', cookie: 'c', 'Set-Cookie': ['s'] },
      db_passwd: 'p2',
      clientSecret: 's1',
      refresh_token: 't1',
    });
    expect(out).toEqual({
      user: 'ada',
      Password: REDACTED,
      nested: { deeper: [{ apiKey: REDACTED }, { list: [{ 'X-Api-Key': REDACTED }] }] },
      headers: { Authorization: REDACTED, cookie: REDACTED, 'Set-Cookie': REDACTED },
      db_passwd: REDACTED,
      clientSecret: REDACTED,
      refresh_token: REDACTED,
    });
  });

  it('redacts configured keys, from options and SIGNALKIT_LOG_REDACT_KEYS', () => {
    const out = clean(
      { ssn: '123', iban: 'DE00', card_number: '4111', other: 'ok' },
      { redactKeys: ['ssn'], env: { SIGNALKIT_LOG_REDACT_KEYS: 'iban, cardNumber' } },
    );
    expect(out).toEqual({ ssn: REDACTED, iban: REDACTED, card_number: REDACTED, other: 'ok' });
  });

  it('redacts a whole object under a sensitive key', () => {
    expect(clean({ secret: { a: 1, b: [2] } })).toEqual({ secret: REDACTED });
  });
});

describe('Sanitizer: hostile and huge values', () => {
  it('marks circular references instead of throwing', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(clean(a)).toEqual({ name: 'a', self: CIRCULAR, list: [CIRCULAR] });
  });

  it('keeps shared (non-circular) references', () => {
    const shared = { v: 1 };
    expect(clean({ x: shared, y: shared })).toEqual({ x: { v: 1 }, y: { v: 1 } });
  });

  it('bounds depth', () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const out = JSON.stringify(clean(deep, { limits: { maxDepth: 3 } }));
    expect(out).toBe(JSON.stringify({ d: { d: { d: TRUNCATED } } }));
  });

  it('bounds arrays, keys per object and the total size of a record', () => {
    const out = clean({ list: Array.from({ length: 10 }, (_, i) => i) }, { limits: { maxArrayLength: 3 } });
    expect(out).toEqual({ list: [0, 1, 2, '…[+7 items]'] });
    const wide = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    expect(clean(wide, { limits: { maxObjectKeys: 2 } })).toEqual({ k0: 0, k1: 1, '…': '[+8 keys]' });
    const huge = { blobs: Array.from({ length: 50 }, () => 'x'.repeat(1000)) };
    const size = JSON.stringify(clean(huge, { limits: { maxTotalLength: 5000 } })).length;
    expect(size).toBeLessThan(7000);
  });

  it('survives getters that throw, proxies that throw and toJSON that throws', () => {
    const getter = Object.defineProperty({ ok: 1 }, 'bad', {
      enumerable: true,
      get() {
        throw new Error('nope');
      },
    });
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('nope');
        },
      },
    );
    const json = {
      toJSON() {
        throw new Error('nope');
      },
    };
    expect(clean({ getter, proxy, json })).toEqual({
      getter: { ok: 1, bad: '[Unreadable]' },
      proxy: {},
      json: '[Unreadable]',
    });
  });

  it('turns values JSON cannot hold into strings and drops functions', () => {
    expect(
      clean({
        big: 10n,
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        sym: Symbol('s'),
        fn: () => 1,
        date: new Date(0),
        buf: Buffer.from('abc'),
        map: new Map([['a', 1]]),
        set: new Set([1, 2]),
        nul: null,
        undef: undefined,
      }),
    ).toEqual({
      big: '10',
      nan: 'NaN',
      inf: 'Infinity',
      sym: 'Symbol(s)',
      date: '1970-01-01T00:00:00.000Z',
      buf: '[Buffer 3 bytes]',
      map: { a: 1 },
      set: [1, 2],
      nul: null,
    });
  });

  it('strips escape sequences from strings and keys', () => {
    expect(clean({ '\u001b[31mkey': 'v\u001b[2Kal' })).toEqual({ key: 'val' });
  });

  it('drops a __proto__ key instead of setting the prototype', () => {
    const out = clean(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<string, unknown>;
    expect(out).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Sanitizer: errors', () => {
  it('serializes type, message, stack, own properties and the cause chain', () => {
    class DbError extends Error {}
    const root = new TypeError('socket closed');
    const err = Object.assign(new DbError('query failed', { cause: root }), { code: 'E42', password: 'x' });
    const out = sanitizer().error(err, 0, 0);
    expect(out['exception.type']).toBe('DbError');
    expect(out['exception.message']).toBe('query failed');
    expect(out['exception.stacktrace']).toContain('query failed');
    expect(out.code).toBe('E42');
    expect(out.password).toBe(REDACTED);
    expect(out.cause).toMatchObject({ 'exception.type': 'TypeError', 'exception.message': 'socket closed' });
  });

  it('bounds the cause chain and survives a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    const out = sanitizer().error(a, 0, 0);
    expect(out.cause).toMatchObject({ 'exception.message': 'b', cause: CIRCULAR });

    let chain = new Error('e0');
    for (let i = 1; i <= 10; i++) chain = new Error(`e${i}`, { cause: chain });
    const bounded = JSON.stringify(sanitizer({ limits: { maxCauseDepth: 2 } }).error(chain, 0, 0));
    expect(bounded).toContain('"exception.message":"e8"');
    expect(bounded).not.toContain('"exception.message":"e7"');
    expect(bounded).toContain(TRUNCATED);
  });

  it('keeps a non-error cause and the errors of an AggregateError', () => {
    const out = sanitizer().error(
      new AggregateError([new Error('one')], 'many', { cause: { token: 't' } }),
      0,
      0,
    );
    expect(out.cause).toEqual({ token: REDACTED });
    expect(out.errors).toMatchObject([{ 'exception.message': 'one' }]);
  });
});
