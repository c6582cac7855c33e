import { describe, expect, it } from 'vitest';
import { satisfies } from './nodeRange.js';

describe('satisfies', () => {
  it.each([
    ['24.21.0', '>=22.12', true],
    ['22.11.9', '>=22.12', false],
    ['22.12.0', '>= 22.12.0', true],
    ['20.19.1', '^20.19.0 || >=22.12.0', true],
    ['21.0.0', '^20.19.0 || >=22.12.0', false],
    ['22.3.0', '22.x', true],
    ['23.0.0', '22', false],
    ['18.5.0', '18 - 20', true],
    ['20.9.9', '18 - 20', true],
    ['21.0.0', '18 - 20', false],
    ['22.15.4', '~22.15.1', true],
    ['22.16.0', '~22.15.1', false],
    ['24.0.0', '>=22 <24', false],
    ['23.9.0', '>=22 <24', true],
    ['24.21.0', '*', true],
    ['24.21.0', '>24', false],
    ['25.0.0', '>24', true],
    ['24.21.0', '<=24', true],
    ['24.21.0', '24.21.0', true],
    ['v24.21.0', '=24.21.1', false],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('says it cannot read a range or a version instead of guessing', () => {
    expect(satisfies('24.0.0', 'latest')).toBeUndefined();
    expect(satisfies('24.0.0', '>=a.b')).toBeUndefined();
    expect(satisfies('twenty', '>=22')).toBeUndefined();
    expect(satisfies('24', '>=22')).toBeUndefined();
  });
});
