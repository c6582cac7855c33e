import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { OtlpReceiver, type ReceivedSpan } from '../../support/otlpReceiver.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../../../examples/express-api/src');
const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

function tracingEnv(receiver: OtlpReceiver, service: string): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: service,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
}

describe('traces across the two example services (orders -> inventory)', () => {
  const receiver = new OtlpReceiver();
  let inventory: ChildApp;
  let orders: ChildApp;

  beforeAll(async () => {
    await receiver.listen();
    inventory = await startApp(resolve(EXAMPLES, 'inventory.js'), {
      mode: 'import',
      env: tracingEnv(receiver, 'inventory'),
    });
    orders = await startApp(resolve(EXAMPLES, 'orders.js'), {
      mode: 'import',
      env: { ...tracingEnv(receiver, 'orders'), INVENTORY_URL: inventory.url },
    });
  });

  afterAll(async () => {
    await orders?.stop();
    await inventory?.stop();
    await receiver.close();
  });

  it('gives one trace across both processes, with the client span as parent of the downstream server span', async () => {
    const res = await fetch(`${orders.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'apple', quantity: 2 }),
    });
    expect(res.status).toBe(201);
    const root = () => receiver.spans.find((s) => s.service === 'orders' && s.name === 'POST /orders');
    await receiver.waitFor(() => root() !== undefined, 15_000, 'the orders server span');
    const traceId = root()?.traceId as string;
    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    await receiver.waitFor(() => inTrace().length >= 3, 15_000, 'three spans of the trace');

    const spans = inTrace();
    const serverOrders = spans.find((s) => s.service === 'orders' && s.kind === SERVER) as ReceivedSpan;
    const client = spans.find((s) => s.service === 'orders' && s.kind === CLIENT) as ReceivedSpan;
    const serverInventory = spans.find((s) => s.service === 'inventory' && s.kind === SERVER) as ReceivedSpan;
    expect(serverOrders.parentSpanId).toBeUndefined();
    expect(client.parentSpanId).toBe(serverOrders.spanId);
    expect(serverInventory.parentSpanId).toBe(client.spanId);
    expect(serverInventory.name).toBe('GET /items/:sku');
    expect(serverInventory.attributes['http.route']).toBe('/items/:sku');
    expect(serverOrders.attributes['http.route']).toBe('/orders');
  });

  it('names spans with the same http.route as the metrics and counts each request once', async () => {
    for (let i = 0; i < 5; i++) expect((await fetch(`${orders.url}/orders/${i}`)).status).toBe(200);
    await receiver.waitFor(
      () => receiver.spans.filter((s) => s.service === 'orders' && s.name === 'GET /orders/:id').length >= 5,
      15_000,
      'five GET /orders/:id spans',
    );
    const samples = parsePrometheus(await orders.metrics());
    const count = sampleValue(samples, 'http_server_request_duration_seconds_count', {
      http_route: '/orders/:id',
      http_request_method: 'GET',
      http_response_status_code: '200',
    });
    // Exactly one series and one count per request: the instrumentation's own duplicate metric is dropped.
    expect(count).toBe(5);
    const spans = receiver.spans.filter((s) => s.service === 'orders' && s.name === 'GET /orders/:id');
    expect(spans).toHaveLength(5);
    for (const span of spans) expect(span.attributes['http.route']).toBe('/orders/:id');
  });

  it('marks the error route span as an error and records the exception', async () => {
    expect((await fetch(`${orders.url}/error`)).status).toBe(500);
    const span = () => receiver.spans.find((s) => s.service === 'orders' && s.name === 'GET /error');
    await receiver.waitFor(() => span() !== undefined, 15_000, 'the GET /error span');
    expect(span()?.status.code).toBe(ERROR);
    expect(span()?.events.some((e) => e.name === 'exception')).toBe(true);
  });

  it('never traces the exporter’s own requests', async () => {
    const exporterSpans = receiver.spans.filter(
      (s) => s.kind === CLIENT && String(s.attributes['url.full'] ?? '').includes('/v1/traces'),
    );
    expect(exporterSpans).toHaveLength(0);
    const samples = parsePrometheus(await orders.metrics());
    const port = new URL(receiver.url).port;
    expect(
      samples.filter(
        (s) => s.name.startsWith('http_client_request_duration') && s.labels.server_port === port,
      ),
    ).toHaveLength(0);
  });
});
