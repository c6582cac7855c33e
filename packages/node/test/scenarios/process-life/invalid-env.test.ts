import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';
import { lines, listeningPorts } from '../../support/runNode.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function serves(started: ChildApp): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${started.url}/`);
    expect(await res.text()).toBe('ok');
  }
}

describe.each<StartMode>(['require', 'import', 'init'])('environment (%s)', (mode) => {
  it('valid: the endpoint listens beside the app (control for the cases below)', async () => {
    app = await startApp(APP, { mode });
    await serves(app);
    await (await fetch(app.metricsUrl)).text();
    expect(listeningPorts(app.child.pid as number)).toEqual(
      [app.port, app.metricsPort].sort((a, b) => a - b),
    );
    expect(app.stderr()).toBe('');
  });

  it.each([
    ['OTEL_EXPORTER_PROMETHEUS_PORT', 'abc', 'an integer from 0 to 65535'],
    ['SIGNALKIT_CARDINALITY_LIMIT', '-1', 'an integer from 1 to 1000000'],
    ['OTEL_METRICS_EXPORTER', 'prometheus,statsd', 'a comma-separated list of'],
    ['OTEL_EXPORTER_PROMETHEUS_HOST', 'http://0.0.0.0', 'a host name or IP address'],
  ])('invalid %s=%s: one line naming it, metrics off, the app serves', async (variable, value, expected) => {
    app = await startApp(APP, { mode, env: { [variable]: value } });
    await serves(app);
    const stderr = lines(app.stderr());
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`${variable}=${JSON.stringify(value)}`);
    expect(stderr[0]).toContain(expected);
    expect(stderr[0]).toContain('metrics are disabled');
    // Nothing but the app's own server listens, whatever port the endpoint would have used.
    expect(listeningPorts(app.child.pid as number)).toEqual([app.port]);
    if (mode === 'init') {
      const health = (await (await fetch(`${app.url}/health`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({
        metrics: { state: 'disabled' },
        prometheus: { state: 'disabled' },
        problems: [stderr[0]?.replace(/^signalkit error: /, '')],
      });
    }
  });

  it('invalid sdk-wide OTEL_LOG_LEVEL: one line, the default level, metrics stay on', async () => {
    app = await startApp(APP, { mode, env: { OTEL_LOG_LEVEL: 'loud' } });
    await serves(app);
    expect(lines(app.stderr())).toEqual([
      expect.stringMatching(
        /^signalkit error: OTEL_LOG_LEVEL="loud" is invalid: expected one of .*; using the default$/,
      ),
    ]);
    expect(listeningPorts(app.child.pid as number)).toContain(app.metricsPort);
  });
});
