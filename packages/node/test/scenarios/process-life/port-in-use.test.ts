import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';
import { lines } from '../../support/runNode.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let app: ChildApp | undefined;
let blocker: Server | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await new Promise((done) => (blocker ? blocker.close(done) : done(undefined)));
  blocker = undefined;
});

/** Takes a port on 127.0.0.1 and keeps it. */
async function occupyPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((done) => blocker?.listen(0, '127.0.0.1', done));
  const address = blocker.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

describe.each<StartMode>(['require', 'import', 'init'])('metrics port already in use (%s)', (mode) => {
  it('prints exactly one error line and the app keeps serving', async () => {
    const busy = await occupyPort();
    app = await startApp(APP, { mode, env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(busy) } });
    const started = app;
    await until(() => started.stderr().includes('signalkit error:'), 'the error line');
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${started.url}/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('ok');
    }
    if (mode === 'init') {
      const health = (await (await fetch(`${started.url}/health`)).json()) as {
        prometheus: { state: string; error?: string };
        metrics: { state: string };
      };
      expect(health.prometheus.state).toBe('failed');
      expect(health.prometheus.error).toContain('EADDRINUSE');
      expect(health.metrics.state).toBe('running');
    }
    expect(await started.stop()).toBeNull();
    app = undefined;
    const stderr = lines(started.stderr());
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(
      /^signalkit error: cannot serve metrics on 127\.0\.0\.1:\d+: address already in use/,
    );
    expect(stderr[0]).toContain(String(busy));
  });
});
