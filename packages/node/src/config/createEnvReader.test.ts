import { describe, expect, it } from 'vitest';
import { createEnvReader, type EnvVarSpec } from './createEnvReader.js';

const TABLE = [
  {
    name: 'APP_LEVEL',
    type: { kind: 'enum', values: ['info', 'debug'] },
    default: 'info',
    scope: 'logger',
    description: 'A level.',
  },
  {
    name: 'APP_ENDPOINT',
    sensitive: true,
    type: { kind: 'url' },
    default: undefined,
    scope: 'export',
    description: 'An endpoint.',
  },
] as const satisfies readonly EnvVarSpec<'logger' | 'export'>[];

describe('createEnvReader', () => {
  const { readEnv, specOf } = createEnvReader(TABLE);

  it('reads the variables of any table by their type', () => {
    expect(readEnv({ APP_LEVEL: ' DEBUG ' }, 'APP_LEVEL')).toEqual({
      status: 'ok',
      value: 'debug',
      raw: 'DEBUG',
    });
    expect(readEnv({ APP_ENDPOINT: 'http://127.0.0.1:4318' }, 'APP_ENDPOINT')).toMatchObject({
      status: 'ok',
    });
  });

  it('says what it expected of an invalid value, and treats blank as unset', () => {
    expect(readEnv({ APP_ENDPOINT: 'ftp://x' }, 'APP_ENDPOINT')).toEqual({
      status: 'invalid',
      raw: 'ftp://x',
      expected: 'an http:// or https:// URL',
    });
    expect(readEnv({ APP_LEVEL: '  ' }, 'APP_LEVEL')).toEqual({ status: 'unset' });
  });

  it("gives a variable's row, and refuses a name outside the table", () => {
    expect(specOf('APP_ENDPOINT')).toMatchObject({ scope: 'export', sensitive: true });
    expect(() => specOf('OTHER' as 'APP_LEVEL')).toThrow('unknown variable OTHER');
  });
});
