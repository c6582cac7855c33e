import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import winston from 'winston';
import TransportStream from 'winston-transport';
import { AlsContextManager } from '../../test/support/tracing.cjs';
import { createLogger } from '../createLogger.js';
import { signalkitFormat } from './signalkitFormat.js';

const MESSAGE = Symbol.for('message');

class Capture extends TransportStream {
  readonly lines: string[] = [];
  override log(info: Record<symbol, unknown>, callback: () => void): void {
    this.lines.push(String(info[MESSAGE]));
    callback();
  }
  json(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

function logger(options: Parameters<typeof createLogger>[0] = {}) {
  const capture = new Capture();
  const log = createLogger({ env: {}, stdout: false, transports: [capture], ...options });
  return { log, capture };
}

const manager = new AlsContextManager();
beforeAll(() => {
  context.setGlobalContextManager(manager);
});
afterAll(() => {
  context.disable();
});

describe('JSON line', () => {
  it('has timestamp, level, message and service.name first, then resource attributes and metadata', () => {
    const { log, capture } = logger({
      serviceName: 'orders',
      env: { OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,service.name=ignored' },
    });
    log.info('order placed', { orderId: 42 });
    const line = capture.lines[0] ?? '';
    expect(Object.keys(JSON.parse(line))).toEqual([
      'timestamp',
      'level',
      'message',
      'service.name',
      'deployment.environment.name',
      'orderId',
    ]);
    const parsed = capture.json()[0];
    expect(parsed).toMatchObject({ level: 'info', message: 'order placed', 'service.name': 'orders' });
    expect(new Date(String(parsed?.timestamp)).toISOString()).toBe(parsed?.timestamp);
  });

  it('takes service.name from OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES, then unknown_service:node', () => {
    const a = logger({
      env: { OTEL_SERVICE_NAME: 'from-env', OTEL_RESOURCE_ATTRIBUTES: 'service.name=attr' },
    });
    a.log.info('x');
    const b = logger({ env: { OTEL_RESOURCE_ATTRIBUTES: 'service.name=attr' } });
    b.log.info('x');
    const c = logger({ env: {} });
    c.log.info('x');
    expect([a, b, c].map((l) => l.capture.json()[0]?.['service.name'])).toEqual([
      'from-env',
      'attr',
      'unknown_service:node',
    ]);
  });

  it('does not let metadata overwrite reserved fields', () => {
    const { log, capture } = logger({ serviceName: 's' });
    log.warn('real', { level: 'error', timestamp: 'forged', 'service.name': 'other' });
    expect(capture.json()[0]).toMatchObject({ level: 'warn', message: 'real', 'service.name': 's' });
    expect(capture.json()[0]?.timestamp).not.toBe('forged');
  });

  it('has no trace fields outside a span', () => {
    const { log, capture } = logger();
    log.info('no span');
    expect(capture.json()[0]).not.toHaveProperty('trace_id');
    expect(capture.json()[0]).not.toHaveProperty('span_id');
  });

  it('carries trace_id, span_id and trace_flags inside a span, each line its own', async () => {
    const { log, capture } = logger();
    const spans = ['0af7651916cd43dd8448eb211c80319c', '4bf92f3577b34da6a3ce929d0e0e4736'].map((traceId, i) =>
      trace.wrapSpanContext({ traceId, spanId: `00f067aa0ba902b${i}`, traceFlags: i }),
    );
    await Promise.all(
      spans.map((span, i) =>
        context.with(trace.setSpan(ROOT_CONTEXT, span), async () => {
          await new Promise((r) => setTimeout(r, 5 - i * 5));
          log.info(`in span ${i}`);
        }),
      ),
    );
    const byMessage = Object.fromEntries(capture.json().map((l) => [l.message, l]));
    expect(byMessage['in span 0']).toMatchObject({
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      span_id: '00f067aa0ba902b0',
      trace_flags: '00',
    });
    expect(byMessage['in span 1']).toMatchObject({
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b1',
      trace_flags: '01',
    });
  });

  it('replaces trace fields injected by instrumentation-winston rather than repeating them', () => {
    const { log, capture } = logger();
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
    });
    context.with(trace.setSpan(ROOT_CONTEXT, span), () =>
      log.info('injected', {
        trace_id: '0af7651916cd43dd8448eb211c80319c',
        span_id: '00f067aa0ba902b7',
        trace_flags: '01',
      }),
    );
    const line = capture.lines[0] ?? '';
    expect(line.match(/"trace_id"/g)).toHaveLength(1);
    expect(JSON.parse(line)).toMatchObject({
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      trace_flags: '01',
    });
  });
});

describe('errors', () => {
  const cause = new TypeError('socket hang up');
  const error = Object.assign(new Error('payment failed', { cause }), { code: 'E_PAY' });

  it.each([
    ['logger.error(msg, err)', (l: winston.Logger) => l.error('charge', error), 'charge payment failed'],
    ['logger.error(err)', (l: winston.Logger) => l.error(error), 'payment failed'],
    ['logger.log(level, err)', (l: winston.Logger) => l.log('error', error), 'payment failed'],
    ['logger.error(msg, { err })', (l: winston.Logger) => l.error('charge', { err: error }), 'charge'],
    ['child.error(err)', (l: winston.Logger) => l.child({ requestId: 'r1' }).error(error), 'payment failed'],
  ])('keeps exception.type, message, stacktrace and cause for %s', (_name, write, message) => {
    const { log, capture } = logger();
    write(log);
    const line = capture.json()[0] ?? {};
    expect(line).toMatchObject({
      level: 'error',
      message,
      'exception.type': 'Error',
      'exception.message': 'payment failed',
      cause: { 'exception.type': 'TypeError', 'exception.message': 'socket hang up' },
    });
    expect(String(line['exception.stacktrace'])).toMatch(/^Error: payment failed\n\s+at /);
    expect(String((line.cause as Record<string, unknown>)['exception.stacktrace'])).toContain(
      'socket hang up',
    );
    expect(line).not.toHaveProperty('stack');
    expect(line).not.toHaveProperty('err');
  });

  it('writes an error with an empty message too', () => {
    const { log, capture } = logger();
    log.error(new RangeError(''));
    expect(capture.json()[0]).toMatchObject({ message: '', 'exception.type': 'RangeError' });
  });
});

describe('safety', () => {
  it('writes one line per record whatever CR, LF and escape sequences the message holds', () => {
    const { log, capture } = logger();
    log.info('user input\r\n{"level":"error","message":"forged"}\u001b[2K\u001b[1A\u001b]0;title\u0007', {
      note: 'a\nb\u001b[31m',
    });
    expect(capture.lines).toHaveLength(1);
    const line = capture.lines[0] ?? '';
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\\u001b');
    expect(JSON.parse(line)).toMatchObject({
      message: 'user input\r\n{"level":"error","message":"forged"}',
      note: 'a\nb',
    });
  });

  it('escapes U+2028 and U+2029', () => {
    const { log, capture } = logger();
    log.info('a\u2028b\u2029c');
    expect(capture.lines[0]).toContain('a\\u2028b\\u2029c');
    expect(capture.json()[0]?.message).toBe('a\u2028b\u2029c');
  });

  it('writes circular metadata without throwing', () => {
    const { log, capture } = logger();
    const meta: Record<string, unknown> = { id: 1 };
    meta.me = meta;
    expect(() => log.info('circular', meta)).not.toThrow();
    expect(capture.json()[0]).toMatchObject({ id: 1, me: { id: 1, me: '[Circular]' } });
  });

  it('bounds huge metadata', () => {
    const { log, capture } = logger();
    log.info('huge', { rows: Array.from({ length: 10_000 }, (_, i) => ({ i, text: 'x'.repeat(500) })) });
    expect((capture.lines[0] ?? '').length).toBeLessThan(80_000);
    expect(capture.json()[0]?.message).toBe('huge');
  });
});

describe('signalkitFormat on a logger of your own', () => {
  it('formats the records of a plain winston logger', () => {
    const capture = new Capture();
    const log = winston.createLogger({
      format: signalkitFormat({ serviceName: 'mine', env: {} }),
      transports: [capture],
    });
    log.info('hello', { token: 'abc' });
    expect(capture.json()[0]).toMatchObject({
      message: 'hello',
      'service.name': 'mine',
      token: '[REDACTED]',
    });
  });
});
