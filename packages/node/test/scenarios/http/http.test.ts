import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, type StartMode, startApp } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
const DURATION = 'http_server_request_duration_seconds';
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function get(path: string, init?: RequestInit): Promise<number> {
  const res = await fetch(`${app?.url}${path}`, init);
  await res.arrayBuffer();
  return res.status;
}

describe.each<StartMode>(['require', 'init'])('plain node:http app (%s)', (mode) => {
  it('counts each request by method, route and status, exactly', async () => {
    app = await startApp(APP, { mode });
    for (let i = 0; i < 7; i++) await get(`/users/${i}`);
    for (let i = 0; i < 3; i++) await get('/fail');
    await get('/users/1', { method: 'POST' });
    for (let i = 0; i < 4; i++) await get(`/nowhere/${i}`);
    const samples = parsePrometheus(await app.metrics());
    const count = `${DURATION}_count`;
    expect(
      sampleValue(samples, count, {
        http_route: '/users/:id',
        http_request_method: 'GET',
        http_response_status_code: '200',
      }),
    ).toBe(7);
    expect(sampleValue(samples, count, { http_route: '/users/:id', http_request_method: 'POST' })).toBe(1);
    expect(
      sampleValue(samples, count, {
        http_route: '/fail',
        http_response_status_code: '500',
        error_type: '500',
      }),
    ).toBe(3);
    expect(sampleValue(samples, count, { http_route: undefined, http_response_status_code: '404' })).toBe(4);
    expect(select(samples, count)).toHaveLength(4);
  });

  it('puts a 300 ms request in the 0.25 < le <= 0.5 bucket', async () => {
    app = await startApp(APP, { mode });
    expect(await get('/slow?ms=300')).toBe(200);
    const samples = parsePrometheus(await app.metrics());
    const bucket = (le: string) => sampleValue(samples, `${DURATION}_bucket`, { http_route: '/slow', le });
    expect(bucket('0.25')).toBe(0);
    expect(bucket('0.5')).toBe(1);
  });
});
