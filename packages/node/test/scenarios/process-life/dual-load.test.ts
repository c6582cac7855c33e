import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';
import { lines, listeningPorts, reports } from '../../support/runNode.js';

const APP = resolve(import.meta.dirname, 'dual.mjs');
const COUNT = 'http_server_request_duration_seconds_count';
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe.each<[StartMode, 'cjs' | 'esm']>([
  ['none', 'esm'],
  ['none', 'cjs'],
  ['require', 'esm'],
  ['import', 'cjs'],
])('CommonJS and ESM builds in one process (preload: %s, first init: %s)', (mode, first) => {
  it('give one handle, one endpoint and one count per request', async () => {
    app = await startApp(APP, { mode, env: { FIRST: first } });
    expect(reports(app.stdout(), 'copies')).toEqual([{ distinctModules: true, sameHandle: true }]);
    for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/cjs/${i}`)).text();
    for (let i = 0; i < 2; i++) await (await fetch(`${app.url}/esm/${i}`)).text();
    const samples = parsePrometheus(await app.metrics());
    // setRoute from either copy labels the request; nothing is recorded twice.
    expect(sampleValue(samples, COUNT, { http_route: '/cjs/:id' })).toBe(3);
    expect(sampleValue(samples, COUNT, { http_route: '/esm/:id' })).toBe(2);
    expect(select(samples, COUNT)).toHaveLength(2);
    expect(select(samples, 'target_info')).toHaveLength(1);
    expect(listeningPorts(app.child.pid as number)).toEqual(
      [app.port, app.metricsPort].sort((a, b) => a - b),
    );
    expect(lines(app.stderr())).toEqual([
      expect.stringMatching(/^signalkit warn: initObservability\(\) was already called/),
    ]);
  });
});
