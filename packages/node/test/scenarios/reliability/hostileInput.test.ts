import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, type Sample, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import type { OtlpReceiver, ReceivedSpan } from '../../support/otlpReceiver.js';
import { APP, ESCAPED, eventually, startTraced, stats, timedGet } from './faultScenario.js';

// What a client (or a careless app) can send to make signalkit misbehave: unbounded label values,
// megabyte attributes, broken trace headers, odd Host/Forwarded headers. Apps in child processes.

const MiB = 1024 * 1024;
const COUNT = 'http_server_request_duration_seconds_count';

let running: { app: ChildApp; receiver?: OtlpReceiver }[] = [];
afterEach(async () => {
  for (const { app, receiver } of running) {
    await app.stop();
    await receiver?.close();
  }
  running = [];
});

async function metricsOnly(env: Record<string, string> = {}): Promise<ChildApp> {
  const app = await startApp(APP, { mode: 'init', nodeArgs: ['--expose-gc'], env });
  running.push({ app });
  return app;
}

async function traced(env: Record<string, string> = {}) {
  const started = await startTraced(
    { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '50', ...env },
    ['--expose-gc'],
  );
  running.push(started);
  return started;
}

/** Sends the requests `concurrency` at a time over keep-alive connections; returns the statuses seen. */
async function sendAll(base: string, paths: (i: number) => string, n: number, concurrency = 32) {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const { status } = await timedGet(`${base}${paths(next++)}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

function series(samples: Sample[]): Sample[] {
  return select(samples, COUNT);
}

describe('100k unique values on a label', () => {
  const N = Number(process.env.SIGNALKIT_HOSTILE_UNIQUE ?? 100_000);

  it(`${N} unique route templates: at most limit + 1 series, totals exact, heap growth under 20 MB`, async () => {
    const app = await metricsOnly();
    const before = await stats(app);
    const statuses = await sendAll(app.url, (i) => `/route?t=${encodeURIComponent(`/unique/${i}`)}`, N, 64);
    expect([...statuses]).toEqual([[200, N]]);
    const after = await stats(app);
    const samples = parsePrometheus(await app.metrics());
    const all = series(samples);
    const overflow = all.filter((s) => s.labels.otel_metric_overflow === 'true');
    expect(all.length).toBeLessThanOrEqual(2000 + 1);
    expect(overflow).toHaveLength(1);
    // Every request counted once: the unique ones, and the two /stats requests (their own series).
    expect(all.reduce((sum, s) => sum + s.value, 0)).toBe(N + 2);
    expect(overflow[0]?.value).toBe(N - (all.length - 2));
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * MiB);
    expect(app.stderr()).toBe('');
  }, 180_000);

  it('400 unique status codes with a limit of 50: 50 series + the overflow one, totals exact', async () => {
    const app = await metricsOnly({ SIGNALKIT_CARDINALITY_LIMIT: '50' });
    const codes = Array.from({ length: 400 }, (_, i) => 200 + i);
    const statuses = await sendAll(app.url, (i) => `/status/${codes[i]}`, codes.length, 8);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(400);
    const all = series(parsePrometheus(await app.metrics()));
    expect(all).toHaveLength(51);
    expect(all.reduce((sum, s) => sum + s.value, 0)).toBe(400);
    expect(all.filter((s) => s.labels.otel_metric_overflow === 'true')[0]?.value).toBe(350);
  });
});

describe('oversized span attributes', () => {
  it('a 10 MB value and 10k attributes are cut to the limits (4096 characters, 128 attributes); memory stays flat', async () => {
    const { app, receiver } = await traced();
    const before = await stats(app);
    for (let i = 0; i < 10; i++) {
      expect((await fetch(`${app.url}/attrs?kind=big`)).status).toBe(200);
      expect((await fetch(`${app.url}/attrs?kind=many`)).status).toBe(200);
    }
    const spans = () => receiver.spans.filter((s) => s.name === 'GET /attrs');
    await receiver.waitFor(() => spans().length === 20, 15_000, 'the 20 spans');
    for (const span of spans()) {
      expect(Object.keys(span.attributes).length).toBeLessThanOrEqual(128);
      for (const value of Object.values(span.attributes))
        if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(4096);
      for (const event of span.events)
        for (const value of Object.values(event.attributes))
          if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(4096);
    }
    const big = spans().find((s) => s.attributes['app.big'] !== undefined) as ReceivedSpan;
    expect(String(big.attributes['app.big'])).toBe('x'.repeat(4096));
    // The biggest export request stays far below the 10 MB the app put on one span.
    expect(Math.max(...receiver.requests.map((r) => r.body.length))).toBeLessThan(1 * MiB);
    const after = await stats(app);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * MiB);
    expect(app.stderr()).not.toMatch(ESCAPED);
  });
});

/** Sends raw bytes as one HTTP request and resolves with the status line's code (0 when the connection ends without one). */
function rawRequest(port: number, text: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.end(text);
  });
}

const CANARY = 'CANARY-baggage-3f9a';

describe('malformed trace context and hostile baggage', () => {
  const valid = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
  const headerSets: [string, Record<string, string>][] = [
    ['garbage traceparent', { traceparent: 'garbage' }],
    ['all-zero trace id', { traceparent: '00-00000000000000000000000000000000-b7ad6b7169203331-01' }],
    ['version ff', { traceparent: 'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }],
    ['oversized traceparent', { traceparent: `00-${'a'.repeat(8000)}-b7ad6b7169203331-01` }],
    ['bad tracestate', { traceparent: valid, tracestate: '=,,,=;;%%%'.repeat(100) }],
    ['oversized baggage', { baggage: `k=${'v'.repeat(12_000)},secret=${CANARY}` }],
    ['baggage with invalid characters', { baggage: `a="b c";;;=,secret=${CANARY},%%%=%zz` }],
    ['baggage with a canary', { baggage: `user.id=42,secret=${CANARY}` }],
  ];

  it('starts a new trace for each, never fails the request, and never copies baggage into spans or metrics', async () => {
    const { app, receiver } = await traced();
    for (const [name, headers] of headerSets) {
      const res = await fetch(`${app.url}/work/${encodeURIComponent(name)}`, { headers });
      expect(res.status, name).toBe(200);
    }
    // Control: a valid traceparent is followed.
    expect((await fetch(`${app.url}/work/control`, { headers: { traceparent: valid } })).status).toBe(200);
    // A newline inside a header value, sent raw: Node's parser refuses it (400), it never reaches a 500.
    const raw = await rawRequest(
      app.port,
      `GET /work/raw HTTP/1.1\r\nHost: x\r\nbaggage: a=1\nsecret=${CANARY}\r\n\r\n`,
    );
    expect([200, 400]).toContain(raw);
    await receiver.waitFor(() => receiver.spans.length >= headerSets.length + 1, 15_000, 'the spans');
    const spans = receiver.spans.filter((s) => s.name === 'GET /work/:n');
    const control = spans.find((s) => s.traceId === '0af7651916cd43dd8448eb211c80319c');
    expect(control?.parentSpanId).toBe('b7ad6b7169203331');
    const others = spans.filter((s) => s !== control);
    expect(others.length).toBeGreaterThanOrEqual(headerSets.length);
    for (const span of others) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.traceId).not.toBe('0'.repeat(32));
      // A new trace, except where the traceparent itself was valid (the bad-tracestate case keeps it).
      if (span.traceId !== '0af7651916cd43dd8448eb211c80319c') expect(span.parentSpanId).toBeUndefined();
    }
    const exported = receiver.requests.map((r) => r.body.toString('latin1')).join('\n');
    expect(exported).not.toContain(CANARY);
    expect(await app.metrics()).not.toContain(CANARY);
    expect(await stats(app)).toMatchObject({ unhandled: 0, uncaught: 0 });
    expect(app.stderr()).not.toMatch(ESCAPED);
  });
});

describe('malformed Host, Forwarded and X-Forwarded-For', () => {
  const HOSTILE = 'zq-hostile';
  const requests = [
    `Host: ${HOSTILE} with spaces`,
    `Host: [::1`,
    `Host: ${HOSTILE}:99999999`,
    `Host: ${'h'.repeat(4000)}${HOSTILE}`,
    'Host:',
    `Host: x\r\nForwarded: for="[::1;host=${HOSTILE}<script>`,
    `Host: x\r\nForwarded: ;;;=,,,for=${HOSTILE}`,
    `Host: x\r\nX-Forwarded-For: ${HOSTILE}, 1.2.3.4`,
    `Host: x\r\nX-Forwarded-For: ${'9'.repeat(6000)}`,
    `Host: x\r\nX-Forwarded-Host: ${HOSTILE}:-1\r\nX-Forwarded-Proto: ${HOSTILE}`,
  ];

  it('never crash nor fail a request, and no label carries them', async () => {
    const { app, receiver } = await traced();
    for (const head of requests) {
      const status = await rawRequest(
        app.port,
        `GET /work/1 HTTP/1.1\r\n${head}\r\nConnection: close\r\n\r\n`,
      );
      // Node's own parser may refuse a request (400); signalkit must never turn one into a 500 or a crash.
      expect([200, 400], head.slice(0, 60)).toContain(status);
    }
    expect((await fetch(`${app.url}/work/2`)).status).toBe(200);
    const samples = parsePrometheus(await app.metrics());
    const bad = samples.filter((s) =>
      Object.values(s.labels).some((v) => v.includes(HOSTILE) || v.length > 200),
    );
    expect(bad).toEqual([]);
    // Only the golden-signal attributes label the request metric.
    for (const s of select(samples, COUNT))
      expect(Object.keys(s.labels).sort()).toEqual([
        'http_request_method',
        'http_response_status_code',
        'http_route',
      ]);
    await eventually(() => receiver.spans.length > 0, 10_000, 'spans');
    for (const span of receiver.spans)
      for (const value of Object.values(span.attributes))
        if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(4096);
    expect(await stats(app)).toMatchObject({ unhandled: 0, uncaught: 0 });
    expect(app.stderr()).not.toMatch(ESCAPED);
  });
});
