import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { type ChildApp, startApp } from '../../support/childApp.js';

// Canary secrets in every place a request or a log record can carry one, on server and client requests,
// with tracing, OTLP logs and the Prometheus endpoint on: the canary must appear in nothing that leaves
// the process (exported spans and logs, /metrics, stdout, stderr), whatever the log level.

const APP = resolve(import.meta.dirname, 'secretsApp.cjs');
const SECRET = 'CANARY-5c7e1d';
const SIGNED = [
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'AWSAccessKeyId',
  'Signature',
  'sig',
  'X-Goog-Signature',
  'token',
  'api_key',
]
  .map((name) => `${name}=${SECRET}-${name}`)
  .join('&');

interface Captured {
  path: string;
  text: string;
}

/** An OTLP/HTTP receiver that keeps every request body as text (decompressed) and answers 200. */
async function capture(): Promise<{ url: string; requests: Captured[]; server: Server }> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      requests.push({ path: req.url ?? '', text: body.toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

interface Span {
  name: string;
  kind: number;
  attributes: Record<string, string>;
}

function spansOf(requests: Captured[]): Span[] {
  type Kv = { key: string; value: { stringValue?: string; intValue?: string | number } };
  const spans: Span[] = [];
  for (const r of requests.filter((q) => q.path === '/v1/traces')) {
    const json = JSON.parse(r.text) as {
      resourceSpans: { scopeSpans: { spans: { name: string; kind: number; attributes?: Kv[] }[] }[] }[];
    };
    for (const rs of json.resourceSpans)
      for (const ss of rs.scopeSpans)
        for (const s of ss.spans)
          spans.push({
            name: s.name,
            kind: s.kind,
            attributes: Object.fromEntries(
              (s.attributes ?? []).map((a) => [a.key, String(a.value.stringValue ?? a.value.intValue ?? '')]),
            ),
          });
  }
  return spans;
}

/** A request in absolute form with credentials in its URL, as a proxy-style client may send it. */
function absoluteFormRequest(port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => done(answer.split('\r\n')[0] ?? ''));
    socket.end(
      `GET http://user:${SECRET}-absolute@127.0.0.1:${port}/in?sig=${SECRET}-absolute-sig HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
  });
}

let app: ChildApp | undefined;
let receiver: Awaited<ReturnType<typeof capture>> | undefined;
afterEach(async () => {
  await app?.stop();
  receiver?.server.closeAllConnections();
  await new Promise((r) => receiver?.server.close(r));
  app = undefined;
  receiver = undefined;
});

const CLIENT = 3;

describe.each(['warn (default)', 'debug'])('secrets with OTEL_LOG_LEVEL=%s', (level) => {
  it('appear in no exported span or log record, not in /metrics, stdout or stderr', async () => {
    receiver = await capture();
    const metricsPort = await freePort();
    app = await startApp(APP, {
      nodeArgs: ['--require', '@signalkit/node/register'],
      env: {
        SECRET,
        OTEL_SERVICE_NAME: 'secrets',
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
        OTEL_BLRP_SCHEDULE_DELAY: '50',
        ...(level === 'debug' ? { OTEL_LOG_LEVEL: 'debug', SIGNALKIT_LOG_LEVEL: 'debug' } : {}),
      },
    });
    const started = app;
    const headers = {
      authorization: `Bearer ${SECRET}-authorization`,
      cookie: `session=${SECRET}-cookie`,
      'x-api-key': `${SECRET}-x-api-key`,
    };
    const inbound = await fetch(`${started.url}/in?page=1&${SIGNED}`, { headers });
    expect(inbound.status).toBe(200);
    expect(inbound.headers.get('set-cookie')).toContain(SECRET);
    expect(await absoluteFormRequest(started.port)).toBe('HTTP/1.1 200 OK');
    expect(await (await fetch(`${started.url}/call`)).json()).toEqual([200, 200]);
    expect(await (await fetch(`${started.url}/flush`)).text()).toBe('flushed');

    const captured = (receiver as Awaited<ReturnType<typeof capture>>).requests;
    const clientSpans = () => spansOf(captured).filter((s) => s.kind === CLIENT);
    for (let i = 0; clientSpans().length < 2 || spansOf(captured).length < 7; i++) {
      if (i > 200) throw new Error(`spans: ${JSON.stringify(spansOf(captured).map((s) => s.name))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

    // The things under test were really exported: both client spans carry url.full, redacted.
    const fullUrls = clientSpans().map((s) => s.attributes['url.full'] ?? '');
    expect(fullUrls).toHaveLength(2);
    for (const url of fullUrls) expect(url).toContain('X-Amz-Signature=REDACTED');
    expect(fullUrls.some((u) => u.includes('REDACTED:REDACTED@'))).toBe(true);
    expect(captured.some((r) => r.path === '/v1/logs' && r.text.includes('signed in'))).toBe(true);
    expect(started.stdout()).toContain('"password":"[REDACTED]"');
    expect(metrics).toContain('http_client_request_duration_seconds_count');

    const leaks = [
      ...captured.filter((r) => r.text.includes(SECRET)).map((r) => `export ${r.path}`),
      ...(metrics.includes(SECRET) ? ['/metrics'] : []),
      ...(started.stdout().includes(SECRET) ? ['stdout'] : []),
      ...(started.stderr().includes(SECRET) ? ['stderr'] : []),
    ];
    const context = (text: string) => {
      const at = text.indexOf(SECRET);
      return at === -1 ? '' : text.slice(Math.max(0, at - 200), at + 60);
    };
    expect(
      leaks,
      [...captured.map((r) => r.text), metrics, started.stdout(), started.stderr()]
        .map(context)
        .join('\n---\n'),
    ).toEqual([]);
  });
});
