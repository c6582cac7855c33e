import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { parsePrometheus, type Sample, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { CLIENT_DURATION, send } from '../../support/httpLoad.js';

const APP = resolve(import.meta.dirname, 'app.cjs');

/** `method address:port status|error` of a client `_count` series, for exact comparison. */
function keyOf(s: Sample): string {
  const l = s.labels;
  return `${l.http_request_method} ${l.server_address}:${l.server_port} ${l.http_response_status_code ?? '-'} ${l.error_type ?? '-'}`;
}

describe.each(['require', 'init'] as const)('outgoing HTTP calls (%s)', (mode) => {
  let upstream: Server;
  let upstreamPort: number;
  let refusedPort: number;
  let app: ChildApp;

  beforeAll(async () => {
    // The service the app calls: 200, 404 or 503 by path.
    upstream = createServer((req, res) => {
      res.statusCode = req.url === '/ok' ? 200 : req.url === '/unavailable' ? 503 : 404;
      res.end('upstream');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamPort = (upstream.address() as { port: number }).port;
    // A port nothing listens on: the connection is refused.
    refusedPort = await freePort();
    app = await startApp(APP, { mode });
  });

  afterAll(async () => {
    await app?.stop();
    await new Promise((r) => upstream?.close(r));
  });

  async function call(via: 'http' | 'fetch', to: string): Promise<unknown> {
    const res = await send(app.url, 'GET', `/call?via=${via}&to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    return JSON.parse(res.body);
  }

  it('records http.client.request.duration for http.get and fetch, by server address, port and status', async () => {
    const up = `http://127.0.0.1:${upstreamPort}`;
    const refused = `http://127.0.0.1:${refusedPort}/ok`;
    for (const via of ['http', 'fetch'] as const) {
      for (let i = 0; i < 3; i++) expect(await call(via, `${up}/ok`)).toEqual({ status: 200 });
      expect(await call(via, `${up}/missing`)).toEqual({ status: 404 });
      expect(await call(via, `${up}/unavailable`)).toEqual({ status: 503 });
      expect(await call(via, refused)).toEqual({ error: 'ECONNREFUSED' });
    }
    const samples = parsePrometheus(await app.metrics());
    const counts = Object.fromEntries(
      select(samples, `${CLIENT_DURATION}_count`).map((s) => [keyOf(s), s.value]),
    );
    // Both clients land in the same series: same attributes, whichever API made the call.
    expect(counts).toEqual({
      [`GET 127.0.0.1:${upstreamPort} 200 -`]: 6,
      [`GET 127.0.0.1:${upstreamPort} 404 404`]: 2,
      [`GET 127.0.0.1:${upstreamPort} 503 503`]: 2,
      [`GET 127.0.0.1:${refusedPort} - ECONNREFUSED`]: 2,
    });
    // No path or URL of the calls in any label.
    for (const s of samples)
      for (const value of Object.values(s.labels))
        expect(value).not.toMatch(/\/ok|\/missing|\/unavailable|http:/);
  });
});
