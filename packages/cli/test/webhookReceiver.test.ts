import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/freePort.js';
import { DOCKER } from './support/paths.js';
import { start, stopAll, waitFor } from './support/processes.js';

describe('demo webhook receiver', () => {
  let base: string;
  let server: ReturnType<typeof start>;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = start(process.execPath, [join(DOCKER, 'webhook-receiver', 'server.mjs')], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), KEEP: '2' },
    });
    await waitFor('the receiver', async () => (await fetch(`${base}/healthz`)).ok);
  });
  afterAll(stopAll);

  const notify = (path: string, body: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('keeps the last KEEP notifications, logs each as a JSON line, and refuses what is not JSON', async () => {
    for (const name of ['First', 'Second', 'Third']) {
      const res = await notify(
        '/page',
        JSON.stringify({
          receiver: 'page',
          status: 'firing',
          alerts: [{ status: 'firing', labels: { alertname: name } }],
        }),
      );
      expect(res.status).toBe(200);
    }
    expect((await notify('/page', '{not json')).status).toBe(400);
    expect((await fetch(`${base}/alerts`, { method: 'DELETE' })).status).toBe(405);

    const kept = (await (await fetch(`${base}/alerts`)).json()) as {
      path: string;
      receiver: string;
      alerts: { labels: { alertname: string } }[];
    }[];
    expect(kept.map((n) => n.alerts[0]?.labels.alertname)).toEqual(['Second', 'Third']);
    expect(kept[0]).toMatchObject({ path: '/page', receiver: 'page' });

    const lines = server
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { alerts?: { labels: { alertname: string } }[] });
    expect(lines.flatMap((l) => l.alerts ?? []).map((a) => a.labels.alertname)).toEqual([
      'First',
      'Second',
      'Third',
    ]);
  });
});
