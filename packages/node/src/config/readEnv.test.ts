import { describe, expect, it } from 'vitest';
import type { EnvType } from './createEnvReader.js';
import { ENV_VARS } from './envTable.js';
import { describeType, readEnv } from './readEnv.js';

/** Values every variable of a type must accept, and values it must refuse; undefined for a type not covered yet. */
function samples(type: EnvType): { valid: string[]; invalid: string[] } | undefined {
  switch (type.kind) {
    case 'boolean':
      return { valid: ['true', 'FALSE', 'True'], invalid: ['yes', 'on', '2', 'truee'] };
    case 'string':
      // Any non-blank value is a valid string: there is no invalid one.
      return { valid: ['orders', 'a b'], invalid: [] };
    case 'integer':
      return {
        valid: [String(type.min), String(type.max)],
        invalid: [String(type.min - 1), String(type.max + 1), 'abc', '1.5', '12abc', '1e3', '0x10'],
      };
    case 'enum':
      return {
        valid: [type.values[0] ?? '', (type.values.at(-1) ?? '').toUpperCase()],
        invalid: ['bogus', `${type.values[0]},${type.values[0]}`],
      };
    case 'list':
      return {
        valid: [type.values.join(','), ` ${type.values[0]} ,`],
        invalid: ['bogus', `${type.values[0]},bogus`],
      };
    case 'keyValueList':
      return { valid: ['team=payments', 'a=1, b=x%20y'], invalid: ['team', '=x', 'a=%zz'] };
    case 'host':
      return {
        valid: ['127.0.0.1', '0.0.0.0', '::1', '[::1]', 'metrics.internal'],
        invalid: ['http://x', 'a b', 'u@h', 'h/p'],
      };
    case 'path':
      return { valid: ['/metrics', '/a/b-c'], invalid: ['metrics', '/a b', '/a?b'] };
    case 'url':
      return {
        valid: ['http://localhost:4318', 'https://otel.example/v1'],
        invalid: ['localhost:4318', 'ftp://x', 'http://'],
      };
    case 'ratio':
      return { valid: ['0', '0.25', '1'], invalid: ['1.5', '-0.1', 'abc', 'NaN'] };
    case 'names':
      return {
        valid: ['http', 'http, undici,@opentelemetry/instrumentation-pg'],
        invalid: ['a b', 'http;rm'],
      };
    case 'credentials':
      return {
        valid: ['bearer:s3cret', 'BEARER:a.b-c_d~e', 'basic:scraper:pa:ss'],
        invalid: ['s3cret', 'bearer:', 'bearer:a b', 'basic:user', 'basic::pw', 'basic:user:', 'token:x'],
      };
    default:
      return undefined;
  }
}

describe.each(ENV_VARS.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
  const sampled = samples(spec.type);
  if (sampled === undefined) {
    it('has samples for its type', () => {
      throw new Error(`readEnv.test.ts has no samples for type ${JSON.stringify(spec.type)}: add them`);
    });
    return;
  }
  const { valid, invalid } = sampled;

  it.each(valid)('accepts %j', (raw) => {
    expect(readEnv({ [name]: raw }, name)).toMatchObject({ status: 'ok', raw: raw.trim() });
  });

  // A string has no invalid value: nothing to refuse.
  if (invalid.length > 0)
    it.each(invalid)('refuses %j, saying what it expected', (raw) => {
      expect(readEnv({ [name]: raw }, name)).toEqual({
        status: 'invalid',
        raw,
        expected: describeType(spec.type),
      });
    });

  it('treats a blank value as unset', () => {
    expect(readEnv({ [name]: '' }, name)).toEqual({ status: 'unset' });
    expect(readEnv({ [name]: '  \t ' }, name)).toEqual({ status: 'unset' });
    expect(readEnv({}, name)).toEqual({ status: 'unset' });
  });

  it('ignores surrounding spaces', () => {
    const [raw = ''] = valid;
    const plain = readEnv({ [name]: raw }, name);
    expect(readEnv({ [name]: `  ${raw} ` }, name)).toEqual(plain);
  });

  if (spec.default !== undefined)
    it('accepts its own documented default', () => {
      expect(readEnv({ [name]: spec.default }, name).status).toBe('ok');
    });
});

describe('readEnv values', () => {
  it('parses booleans, integers, enums and lists to typed values', () => {
    expect(readEnv({ OTEL_SDK_DISABLED: 'TRUE' }, 'OTEL_SDK_DISABLED')).toMatchObject({ value: true });
    expect(readEnv({ OTEL_EXPORTER_PROMETHEUS_PORT: '9100' }, 'OTEL_EXPORTER_PROMETHEUS_PORT')).toMatchObject(
      {
        value: 9100,
      },
    );
    expect(readEnv({ OTEL_LOG_LEVEL: 'DEBUG' }, 'OTEL_LOG_LEVEL')).toMatchObject({ value: 'debug' });
    expect(
      readEnv({ OTEL_METRICS_EXPORTER: 'Prometheus, prometheus' }, 'OTEL_METRICS_EXPORTER'),
    ).toMatchObject({
      value: ['prometheus'],
    });
  });

  it('percent-decodes resource attribute values', () => {
    expect(
      readEnv(
        { OTEL_RESOURCE_ATTRIBUTES: 'team=pay%2Cments, region = eu%20west' },
        'OTEL_RESOURCE_ATTRIBUTES',
      ),
    ).toMatchObject({ value: { team: 'pay,ments', region: 'eu west' } });
  });
});
