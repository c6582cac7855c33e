import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';
import { reports } from '../../support/runNode.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function listenersAfterTraffic(started: ChildApp): Promise<Record<string, number>> {
  await (await fetch(`${started.url}/`)).text();
  return (await (await fetch(`${started.url}/listeners`)).json()) as Record<string, number>;
}

async function baseline(): Promise<Record<string, number>> {
  const plain = await startApp(APP, { mode: 'none' });
  try {
    return await listenersAfterTraffic(plain);
  } finally {
    await plain.stop();
  }
}

describe.each<StartMode>(['require', 'import', 'init'])('signal handling (%s)', (mode) => {
  it('adds no SIGTERM, SIGINT or other process listener', async () => {
    const expected = await baseline();
    app = await startApp(APP, { mode });
    const [atStart] = reports(app.stdout(), 'listeners');
    expect(atStart).toMatchObject({ SIGTERM: 0, SIGINT: 0 });
    expect(atStart).toEqual(expected);
    // Nothing is added lazily either, once requests have gone through.
    expect(await listenersAfterTraffic(app)).toEqual(expected);
  });

  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])(
    '%s ends the app with the default behaviour',
    async (signal) => {
      const started = await startApp(APP, { mode });
      app = started;
      await (await fetch(`${started.url}/`)).text();
      const exited = once(started.child, 'exit');
      started.child.kill(signal);
      const [code, by] = (await exited) as [number | null, NodeJS.Signals | null];
      app = undefined;
      expect({ code, signal: by }).toEqual({ code: null, signal });
      expect(started.stderr()).toBe('');
    },
  );
});
