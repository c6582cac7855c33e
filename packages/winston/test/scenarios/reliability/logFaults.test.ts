import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { OtlpReceiver, type ReceivedRequest } from '../../../../node/test/support/otlpReceiver.js';
import { type ChildApp, jsonLines, startApp } from '../../support/childApp.js';

// The OTLP log export of @signalkit/winston against a faulty receiver (the exporter's side of each fault;
// the queue bound and the one diagnostic line when the receiver is down are in otlp/otlp.test.ts).

const APP = resolve(import.meta.dirname, 'logsApp.cjs');
const ESCAPED = /UNHANDLED|UNCAUGHT|TimeoutNegativeWarning|Warning:/;

let app: ChildApp | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await app?.stop();
  await receiver?.close();
  app = undefined;
  receiver = undefined;
});

async function start(env: Record<string, string>): Promise<ChildApp> {
  app = await startApp(APP, { env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_BLRP_SCHEDULE_DELAY: '50', ...env } });
  return app;
}

async function listening(): Promise<OtlpReceiver> {
  receiver = new OtlpReceiver();
  await receiver.listen();
  return receiver;
}

async function stats(started: ChildApp): Promise<{ unhandled: number; uncaught: number; written: number }> {
  return (await (await fetch(`${started.url}/stats`)).json()) as never;
}

describe('log messages with CR/LF and ANSI escapes while the OTLP log endpoint is down', () => {
  it('one stdout line per record, escaped; one diagnostic line; nothing escapes into the app', async () => {
    const started = await start({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
      OTEL_EXPORTER_OTLP_TIMEOUT: '300',
    });
    for (let round = 0; round < 3; round++) {
      expect((await fetch(`${started.url}/hostile`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
    }
    await started.waitFor((_, stderr) => stderr.includes('signalkit warn'), 'the diagnostic line');
    const stdout = started.stdout();
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(9);
    expect(lines.map((l) => l.message).slice(0, 3)).toEqual([
      'user said\r\n{"level":"error","message":"forged"}',
      'red and a bell',
      'tab\tandnul and ',
    ]);
    // Nothing raw that could forge a line or drive a terminal.
    for (const raw of ['\r', '\u001b', '\u0007', '\u009b']) expect(stdout).not.toContain(raw);
    expect(stdout.split('\n').filter((l) => l !== '')).toHaveLength(9);
    const diagnostics = started
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('signalkit'));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^signalkit warn: OTLP log export to http:\/\/127\.0\.0\.1:\d+ failed/);
    expect(await stats(started)).toMatchObject({ unhandled: 0, uncaught: 0 });
    expect(started.stderr()).not.toMatch(ESCAPED);
  });
});

describe('a log receiver that accepts and never answers', () => {
  it('ends each export within its timeout + 1 s, one export open at a time', async () => {
    const hung = await listening();
    hung.behaviour = 'hang';
    const timeout = 1000;
    const started = await start({
      OTEL_EXPORTER_OTLP_ENDPOINT: hung.url,
      OTEL_EXPORTER_OTLP_TIMEOUT: String(timeout),
    });
    for (let i = 0; i < 20; i++) {
      await fetch(`${started.url}/log?n=5`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, timeout + 200));
    const ended = hung.requests.filter((r) => r.endedAt !== undefined);
    expect(ended.length).toBeGreaterThanOrEqual(2);
    for (const r of ended) expect((r.endedAt as number) - r.at).toBeLessThan(timeout + 1000);
    expect(hung.maxOpen).toBe(1);
    expect(await stats(started)).toMatchObject({ unhandled: 0, uncaught: 0 });
    expect(started.stderr()).not.toMatch(ESCAPED);
  });

  // The exporter's sockets and retry waits never hold the process; the upstream batch log processor's
  // timer for the export in flight does, until that export times out (OTEL_EXPORTER_OTLP_TIMEOUT). So a
  // graceful exit waits at most for that timeout, not for the processor's own 30 s export timeout.
  it('holds up the app’s own graceful exit (SIGTERM, exit code 7) at most until the export times out', async () => {
    const hung = await listening();
    hung.behaviour = 'hang';
    const timeout = 3000;
    const started = await start({
      OTEL_EXPORTER_OTLP_ENDPOINT: hung.url,
      OTEL_EXPORTER_OTLP_TIMEOUT: String(timeout),
      APP_EXIT_CODE: '7',
    });
    await fetch(`${started.url}/log?n=3`);
    await hung.waitFor(() => hung.open > 0, 5000, 'a hung export');
    const exportStarted = (hung.requests[0] as ReceivedRequest).at;
    const exited = once(started.child, 'exit');
    started.child.kill('SIGTERM');
    const [code] = await exited;
    app = undefined;
    expect(code).toBe(7);
    expect(Date.now() - exportStarted).toBeLessThan(timeout + 1000);
  });
});

describe('429 with a garbage Retry-After on the log export', () => {
  it('retries after the backoff (not at once), then delivers, never throws', async () => {
    const limited = await listening();
    limited.behaviour = (_r, index) =>
      index === 0 ? { status: 429, headers: { 'retry-after': 'soon, maybe' } } : { status: 200 };
    const started = await start({ OTEL_EXPORTER_OTLP_ENDPOINT: limited.url });
    await fetch(`${started.url}/log?n=1`);
    await limited.waitFor(() => limited.requests.length >= 2, 10_000, 'the retry');
    await new Promise((r) => setTimeout(r, 300));
    expect(limited.requests).toHaveLength(2);
    const [first, second] = limited.requests as [ReceivedRequest, ReceivedRequest];
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.at - first.at).toBeGreaterThanOrEqual(800);
    expect(started.stderr()).not.toMatch(ESCAPED);
  });
});
