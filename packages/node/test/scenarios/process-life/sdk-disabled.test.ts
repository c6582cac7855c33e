import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';
import { listeningPorts } from '../../support/runNode.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe.each<StartMode>(['require', 'import', 'init'])('OTEL_SDK_DISABLED=true (%s)', (mode) => {
  it('nothing of signalkit listens or prints, and the app serves', async () => {
    app = await startApp(APP, { mode, env: { OTEL_SDK_DISABLED: 'true' } });
    expect(await (await fetch(`${app.url}/`)).text()).toBe('ok');
    await expect(fetch(app.metricsUrl)).rejects.toThrow();
    expect(listeningPorts(app.child.pid as number)).toEqual([app.port]);
    expect(app.stderr()).toBe('');
    if (mode === 'init') {
      const health = await (await fetch(`${app.url}/health`)).json();
      expect(health).toMatchObject({
        active: false,
        metrics: { state: 'disabled', reason: 'OTEL_SDK_DISABLED' },
        prometheus: { state: 'disabled' },
      });
    }
  });
});
