import { describe, expect, it } from 'vitest';
import { cleanString, redactUrlCredentials, stripControl } from './cleanString.js';

describe('stripControl', () => {
  it('removes CSI color and cursor sequences, 7-bit and 8-bit', () => {
    expect(stripControl('\u001b[31mred\u001b[0m plain')).toBe('red plain');
    expect(stripControl('up\u001b[2Aclear\u001b[2K')).toBe('upclear');
    expect(stripControl('eight\u009b31mbit')).toBe('eightbit');
  });

  it('removes OSC sequences (terminal title, hyperlinks) ended by BEL or ST', () => {
    expect(stripControl('a\u001b]0;owned title\u0007b')).toBe('ab');
    expect(stripControl('a\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
  });

  it('removes lone ESC, NUL, BEL, backspace and C1 controls, keeps tab, CR and LF', () => {
    expect(stripControl('a\u001b\u0000\u0007\u0008\u0085b')).toBe('ab');
    expect(stripControl('tab\tcr\rlf\n')).toBe('tab\tcr\rlf\n');
  });

  it('returns clean strings unchanged', () => {
    const s = 'nothing to do here: ünïcödé ✓';
    expect(stripControl(s)).toBe(s);
  });
});

describe('redactUrlCredentials', () => {
  it('hides user and password of URLs inside a string', () => {
    expect(redactUrlCredentials('connect postgres://app:hunter2@db:5432/orders now')).toBe(
      'connect postgres://[REDACTED]@db:5432/orders now',
    );
    expect(redactUrlCredentials('https://example.com/a@b')).toBe('https://example.com/a@b');
  });
});

describe('cleanString', () => {
  it('cuts long strings with a marker counting what was cut', () => {
    const out = cleanString('x'.repeat(100), 20);
    expect(out).toBe(`${'x'.repeat(20)}…[+80 chars]`);
  });

  it('does not split a surrogate pair', () => {
    const out = cleanString(`${'a'.repeat(9)}😀tail`, 10);
    expect(out.startsWith('a'.repeat(9))).toBe(true);
    expect(out).not.toContain('\ud83d…');
  });
});
