import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { lines, reports } from '../../support/runNode.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function countOf(started: ChildApp): Promise<number> {
  return sampleValue(parsePrometheus(await started.metrics()), 'http_server_request_duration_seconds_count', {
    http_request_method: 'GET',
  });
}

describe('initObservability() called again', () => {
  it('returns the same handle every time and warns once', async () => {
    app = await startApp(APP, { mode: 'init', env: { INIT_TIMES: '3' } });
    expect(reports(app.stdout(), 'handles')).toEqual([{ count: 3, same: true }]);
    const stderr = lines(app.stderr());
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^signalkit warn: initObservability\(\) was already called/);
    // One pipeline: each request counted once.
    for (let i = 0; i < 4; i++) await (await fetch(`${app.url}/`)).text();
    expect(await countOf(app)).toBe(4);
  });

  it('after the preload: the app gets the preload’s handle, one warning, one endpoint', async () => {
    app = await startApp(APP, { mode: 'require', env: { SIGNALKIT_TEST_INIT: '1', INIT_TIMES: '2' } });
    expect(reports(app.stdout(), 'handles')).toEqual([{ count: 2, same: true }]);
    for (let i = 0; i < 3; i++) await (await fetch(`${app.url}/`)).text();
    expect(await countOf(app)).toBe(3);
    const health = (await (await fetch(`${app.url}/health`)).json()) as { prometheus: { port?: number } };
    expect(health.prometheus.port).toBe(app.metricsPort);
    expect(lines(app.stderr())).toEqual([
      expect.stringMatching(/^signalkit warn: initObservability\(\) was already called/),
    ]);
  });
});
