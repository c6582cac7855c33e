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

describe.each<StartMode>(['init'])('shutdown() (%s)', (mode) => {
  it('called three times at once: one shared promise that resolves, the endpoint closed, the app serving', async () => {
    app = await startApp(APP, { mode });
    expect((await fetch(app.metricsUrl)).status).toBe(200);
    const result = (await (await fetch(`${app.url}/shutdown`)).json()) as Record<string, unknown>;
    expect(result).toMatchObject({
      samePromise: true,
      settled: ['fulfilled', 'fulfilled', 'fulfilled'],
      values: [null, null, null],
      laterCallSame: true,
      health: { active: false, metrics: { state: 'stopped' }, prometheus: { state: 'stopped' } },
    });
    await expect(fetch(app.metricsUrl)).rejects.toThrow();
    expect(listeningPorts(app.child.pid as number)).toEqual([app.port]);
    expect(await (await fetch(`${app.url}/`)).text()).toBe('ok');
    expect(app.stderr()).toBe('');
  });
});
