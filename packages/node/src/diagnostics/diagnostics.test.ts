import { describe, expect, it } from 'vitest';
import type { DiagnosticsLevel } from '../config/options.js';
import { createDiagnostics } from './diagnostics.js';

function capture(level: DiagnosticsLevel, start = 1_000_000) {
  const lines: string[] = [];
  let t = start;
  const diagnostics = createDiagnostics(
    level,
    (line) => lines.push(line),
    () => t,
  );
  return {
    diagnostics,
    lines,
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('diagnostics', () => {
  it('writes one line prefixed with signalkit and the severity', () => {
    const { diagnostics, lines } = capture('warn');
    diagnostics.error('k1', 'cannot serve metrics');
    diagnostics.warn('k2', 'something odd');
    expect(lines).toEqual(['signalkit error: cannot serve metrics\n', 'signalkit warn: something odd\n']);
  });

  it('writes a key once per minute, whatever the message', () => {
    const { diagnostics, lines, advance } = capture('warn');
    diagnostics.error('export', 'failed 1');
    diagnostics.error('export', 'failed 2');
    advance(59_999);
    diagnostics.error('export', 'failed 3');
    expect(lines).toEqual(['signalkit error: failed 1\n']);
    advance(1);
    diagnostics.error('export', 'failed 4');
    expect(lines).toEqual(['signalkit error: failed 1\n', 'signalkit error: failed 4\n']);
  });

  it('rate-limits each key on its own', () => {
    const { diagnostics, lines } = capture('warn');
    for (let i = 0; i < 3; i++) {
      diagnostics.warn('a', 'from a');
      diagnostics.warn('b', 'from b');
    }
    expect(lines).toEqual(['signalkit warn: from a\n', 'signalkit warn: from b\n']);
  });

  it('does not count a message filtered out by the level against its key', () => {
    const { diagnostics, lines } = capture('warn');
    diagnostics.debug('k', 'hidden');
    diagnostics.warn('k', 'shown');
    expect(lines).toEqual(['signalkit warn: shown\n']);
  });

  it('replaces control characters, so a message is one line and cannot forge terminal output', () => {
    const { diagnostics, lines } = capture('warn');
    diagnostics.error('k', 'bad\nsignalkit info: forged\r\u001b[31mred\u0007\u007f\u009b2J\tend');
    expect(lines).toHaveLength(1);
    const [line = ''] = lines;
    expect(line.endsWith('\n')).toBe(true);
    const body = line.slice(0, -1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(body).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(body).toBe('signalkit error: bad signalkit info: forged  [31mred   2J end');
  });

  it.each<[DiagnosticsLevel, string[]]>([
    ['none', []],
    ['error', ['error']],
    ['warn', ['error', 'warn']],
    ['info', ['error', 'warn', 'info']],
    ['debug', ['error', 'warn', 'info', 'debug']],
    ['verbose', ['error', 'warn', 'info', 'debug']],
    ['all', ['error', 'warn', 'info', 'debug']],
  ])('at level %s writes %j', (level, expected) => {
    const { diagnostics, lines } = capture(level);
    diagnostics.error('e', 'x');
    diagnostics.warn('w', 'x');
    diagnostics.info('i', 'x');
    diagnostics.debug('d', 'x');
    expect(lines.map((line) => /^signalkit (\w+):/.exec(line)?.[1])).toEqual(expected);
    expect(diagnostics.level).toBe(level);
  });

  it('cuts a long message at 2000 characters and says how much was left out', () => {
    const { diagnostics, lines } = capture('warn');
    diagnostics.error('k', `${'a'.repeat(2000)}${'b'.repeat(3000)}`);
    expect(lines).toEqual([`signalkit error: ${'a'.repeat(2000)}… (3000 more characters)\n`]);
  });

  it('writes by the new level after setLevel, from then on', () => {
    const { diagnostics, lines } = capture('warn');
    diagnostics.info('i1', 'hidden at warn');
    diagnostics.setLevel('info');
    expect(diagnostics.level).toBe('info');
    diagnostics.info('i2', 'shown at info');
    diagnostics.setLevel('error');
    diagnostics.warn('w', 'hidden at error');
    diagnostics.error('e', 'shown at error');
    expect(lines).toEqual(['signalkit info: shown at info\n', 'signalkit error: shown at error\n']);
  });

  it('keeps writing under a flood of distinct keys (the key table is cleared, not grown, past its ceiling)', () => {
    const { diagnostics, lines } = capture('warn');
    for (let i = 0; i < 10_000; i++) diagnostics.warn(`unique-${i}`, `message ${i}`);
    expect(lines).toHaveLength(10_000);
    expect(lines.at(-1)).toBe('signalkit warn: message 9999\n');
  });
});
