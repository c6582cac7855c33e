import { afterEach, describe, expect, it, vi } from 'vitest';
import TransportStream from 'winston-transport';
import { createLogger } from '../createLogger.js';

const MESSAGE = Symbol.for('message');

class Capture extends TransportStream {
  readonly lines: string[] = [];
  override log(info: Record<symbol, unknown>, callback: () => void): void {
    this.lines.push(String(info[MESSAGE]));
    callback();
  }
}

class Throws extends TransportStream {
  name = 'throws';
  override log(): void {
    throw new Error('disk on fire');
  }
}

class EmitsError extends TransportStream {
  name = 'emits';
  override log(_info: unknown, callback: () => void): void {
    this.emit('error', Object.assign(new Error('EACCES /var/log/app.log'), { code: 'EACCES' }));
    callback();
  }
}

class CallsBackWithError extends TransportStream {
  name = 'callback';
  override log(_info: unknown, callback: (error?: Error) => void): void {
    callback(new Error('write failed'));
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

function stderrLines(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.map((c) => String(c[0])).filter((l) => l.startsWith('signalkit'));
}

describe('a logger from createLogger with failing transports', () => {
  it.each([
    ['throws in log()', () => new Throws()],
    ['emits error', () => new EmitsError()],
    ['calls back with an error', () => new CallsBackWithError()],
  ])('keeps writing to the other transports when one %s, and reports it on stderr', async (_name, make) => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const before = new Capture();
    const after = new Capture();
    const logger = createLogger({ env: {}, stdout: false, transports: [before, make(), after] });
    for (let i = 0; i < 20; i++) expect(() => logger.info(`record ${i}`)).not.toThrow();
    await new Promise((r) => setImmediate(r));
    for (let i = 20; i < 40; i++) logger.info(`record ${i}`);
    await new Promise((r) => setImmediate(r));
    expect(before.lines).toHaveLength(40);
    expect(after.lines).toHaveLength(40);
    const lines = stderrLines(write);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.startsWith('signalkit warn: winston transport'))).toBe(true);
    // Error messages are printed only when made of plain words: no path, URL, number or token.
    expect(lines.join('')).not.toContain('/var/log');
  });

  it('guards transports added later', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const capture = new Capture();
    const logger = createLogger({ env: {}, stdout: false });
    logger.add(new Throws());
    logger.add(capture);
    logger.info('a');
    logger.info('b');
    await new Promise((r) => setImmediate(r));
    expect(capture.lines).toHaveLength(2);
  });

  it('does not throw into the caller when a format throws', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const logger = createLogger({ env: {}, stdout: false });
    logger.format = {
      transform() {
        throw new Error('bad format');
      },
    };
    expect(() => logger.info('x')).not.toThrow();
    expect(stderrLines(write).join('')).toContain('signalkit error: a log record was lost: Error');
  });
});
