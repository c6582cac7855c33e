import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { Expectations, notFoundPaths, send } from '../../support/httpLoad.js';

/** Installed by scripts/install-system-deps.sh (Debian package prometheus), which the test command runs. */
const PROMTOOL = '/usr/bin/promtool';
const EXPRESS_APP = resolve(import.meta.dirname, '../express/app5.cjs');

function promtoolCheckMetrics(text: string): { status: number | null; output: string } {
  const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('promtool check metrics', () => {
  let app: ChildApp;

  beforeAll(async () => {
    expect(existsSync(PROMTOOL), `${PROMTOOL} missing: run scripts/install-system-deps.sh`).toBe(true);
    app = await startApp(EXPRESS_APP, { mode: 'require' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('reports a problem in text that has one (the check can fail)', () => {
    const bad = '# HELP requests Requests.\n# TYPE requests counter\nrequests 1\n';
    const { status, output } = promtoolCheckMetrics(bad);
    expect(output).toMatch(/_total/);
    expect(status).not.toBe(0);
  });

  it("finds no problem in a busy Express app's /metrics", async () => {
    const expected = new Expectations();
    const ids = Array.from({ length: 40 }, (_, i) => String(i));
    await expected.drive(app.url, [
      { method: 'GET', paths: ids.map((i) => `/users/${i}`), status: 200, route: '/users/:id' },
      { method: 'HEAD', paths: ids.map((i) => `/users/${i}`), status: 200, route: '/users/:id' },
      {
        method: 'GET',
        paths: ids.map((i) => `/api/users/${i}/posts/${i}`),
        status: 200,
        route: '/api/users/:userId/posts/:postId',
      },
      { method: 'POST', paths: ids.map((i) => `/api/items/${i}`), status: 201, route: '/api/items/:itemId' },
      { method: 'GET', paths: ['/api/fail/503'], status: 503, route: '/api/fail/:code' },
      { method: 'GET', paths: ['/api/fail/502'], status: 502, route: '/api/fail/:code' },
      { method: 'GET', paths: ['/boom', '/boom'], status: 500, route: '/boom' },
      { method: 'GET', paths: ['/v1/broken'], status: 502, route: '/v1/broken' },
      { method: 'GET', paths: ['/slow?ms=30'], status: 200, route: '/slow' },
      { method: 'OPTIONS', paths: ['/users/1'], status: 200, route: undefined },
      { method: 'PROPFIND', methodLabel: '_OTHER', paths: ['/dav/x'], status: 200, route: '/dav/:resource' },
      { method: 'GET', paths: notFoundPaths(500, ['', '/api']), status: 404, route: undefined },
    ]);
    // Concurrent requests, so the scrape also sees requests in flight.
    const slow = ids.map((i) => `/slow?ms=${100 + Number(i)}`);
    const inFlight = slow.map((path) => send(app.url, 'GET', path));
    expected.add({ method: 'GET', paths: slow, status: 200, route: '/slow' });
    const text = await app.metrics();
    await Promise.all(inFlight);
    expected.check(await app.metrics());
    expect(text).toMatch(/^http_server_request_duration_seconds_bucket\{/m);
    expect(text).toMatch(/^nodejs_eventloop_delay/m);
    const { status, output } = promtoolCheckMetrics(text);
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});
