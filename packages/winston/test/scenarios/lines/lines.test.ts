import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runScript } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
const CANARY = 'CANARY-7f3a9c';

const env = {
  CANARY,
  OTEL_SERVICE_NAME: 'checkout',
  OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=staging,service.version=1.4.2',
  SIGNALKIT_LOG_REDACT_KEYS: 'custom_ssn',
};

describe('JSON lines on stdout (child process, no @signalkit/node)', () => {
  it('writes one JSON line per record with timestamp, level, message, service.name and resource attributes', async () => {
    const run = await runScript(APP, { env });
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.message)).toEqual([
      'order placed',
      'charge failed payment declined',
      'login attempt',
      'user said\r\n{"level":"error","message":"forged"} red',
      'circular',
      'huge',
    ]);
    for (const line of lines) {
      expect(Object.keys(line).slice(0, 6)).toEqual([
        'timestamp',
        'level',
        'message',
        'service.name',
        'deployment.environment.name',
        'service.version',
      ]);
      expect(line['service.name']).toBe('checkout');
      expect(line.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(line).not.toHaveProperty('trace_id');
    }
    expect(lines[0]).toMatchObject({ level: 'info', orderId: 42, items: [{ sku: 'A1', qty: 2 }] });
    expect(run.stderr).toBe('');
  });

  it('serializes an error with type, message, stack trace and its cause chain', async () => {
    const run = await runScript(APP, { env });
    const line = jsonLines(run.stdout)[1] ?? {};
    expect(line).toMatchObject({
      level: 'error',
      'exception.type': 'Error',
      'exception.message': 'payment declined',
      code: 'E_PAYMENT',
      cause: {
        'exception.type': 'TypeError',
        'exception.message': 'socket hang up',
        cause: { 'exception.type': 'Error', 'exception.message': 'ECONNRESET' },
      },
    });
    expect(line['exception.stacktrace']).toMatch(/^Error: payment declined\n\s+at .*app\.cjs/);
  });

  it('redacts secrets at any depth: the canary appears nowhere in stdout or stderr', async () => {
    const run = await runScript(APP, { env });
    expect(run.stdout).not.toContain(CANARY);
    expect(run.stderr).not.toContain(CANARY);
    expect(jsonLines(run.stdout)[2]).toMatchObject({
      user: 'ada',
      password: '[REDACTED]',
      nested: {
        list: [{ apiKey: '[REDACTED]' }, { headers: { Authorization: '[REDACTED]', Cookie: '[REDACTED]' } }],
      },
      custom_ssn: '[REDACTED]',
      dsn: 'postgres://[REDACTED]@db:5432/orders',
    });
  });

  it('cannot be made to forge a line or drive the terminal', async () => {
    const run = await runScript(APP, { env });
    const raw = run.stdout.split('\n').filter((l) => l !== '');
    expect(raw).toHaveLength(6);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).not.toContain('\\u001b');
    expect(run.stdout).not.toContain('\r');
  });

  it('writes circular metadata and bounds huge metadata', async () => {
    const run = await runScript(APP, { env });
    const lines = jsonLines(run.stdout);
    expect(lines[4]).toMatchObject({ name: 'loop', self: { name: 'loop', self: '[Circular]' } });
    const huge = run.stdout.split('\n')[5] ?? '';
    expect(huge.length).toBeLessThan(80_000);
    expect((lines[5]?.rows as unknown[] | undefined)?.at(-1)).toMatch(/^…\[\+\d+ items\]$/);
  });

  it('keeps writing when other transports throw or emit errors, and says so once on stderr', async () => {
    const run = await runScript(APP, { env: { ...env, FAILING_TRANSPORTS: '1' } });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(6);
    const diagnostics = run.stderr.split('\n').filter((l) => l !== '');
    expect(diagnostics).toHaveLength(2);
    expect(
      diagnostics.every((l) => /^signalkit warn: winston transport "transport" (threw|failed)/.test(l)),
    ).toBe(true);
  });

  it('reports an invalid variable in one line, turns OTLP off and keeps logging', async () => {
    const run = await runScript(APP, {
      env: { ...env, OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(6);
    expect(run.stderr).toBe(
      'signalkit error: OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is invalid: expected one of http/protobuf, http/json; OTLP log export is off\n',
    );
  });

  it('uses unknown_service:node when no service name is set', async () => {
    const run = await runScript(APP, { env: { CANARY } });
    expect(jsonLines(run.stdout)[0]?.['service.name']).toBe('unknown_service:node');
  });
});
