import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { parsePrometheus, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { OtlpReceiver } from '../../support/otlpReceiver.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
/** Load per case: a few hundred requests per second, long enough to overflow the 2048-span queue. */
const RATE = 300;
const SECONDS = Number(process.env.SIGNALKIT_COLLECTOR_DOWN_SECONDS ?? 12);
const SHUTDOWN_TIMEOUT = 2000;
const QUEUE = 256;

let app: ChildApp | undefined;
let receiver: OtlpReceiver | undefined;
afterEach(async () => {
  await app?.stop();
  await receiver?.close();
  app = undefined;
  receiver = undefined;
});

/** Paced load; returns the status codes seen. */
async function drive(url: string): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const total = RATE * SECONDS;
  const started = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * RATE) + 10);
    const batch: Promise<void>[] = [];
    for (; sent < due; sent++) {
      batch.push(
        fetch(`${url}/work/${sent % 7}`).then(
          async (r) => {
            await r.arrayBuffer();
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          },
          () => {
            statuses.set(0, (statuses.get(0) ?? 0) + 1);
          },
        ),
      );
    }
    await Promise.all(batch);
    await new Promise((r) => setTimeout(r, 20));
  }
  return statuses;
}

async function shutdownReport(url: string): Promise<{ millis: number; unhandled: number }> {
  return (await (await fetch(`${url}/shutdown`)).json()) as { millis: number; unhandled: number };
}

describe.each(['refusing connections', 'accepting but never answering'])('collector %s', (fault) => {
  it('keeps serving with a bounded queue, counts the drops, and shuts down within its timeout', async () => {
    let endpoint: string;
    if (fault === 'refusing connections') {
      endpoint = `http://127.0.0.1:${await freePort()}`;
    } else {
      receiver = new OtlpReceiver();
      receiver.behaviour = 'hang';
      await receiver.listen();
      endpoint = receiver.url;
    }
    app = await startApp(APP, {
      mode: 'init',
      env: {
        OTEL_SERVICE_NAME: 'down',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        // A small queue so that the load overflows it while exports fail or hang.
        OTEL_BSP_MAX_QUEUE_SIZE: String(QUEUE),
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '64',
        OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
        SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS: String(SHUTDOWN_TIMEOUT),
      },
    });
    const statuses = await drive(app.url);
    expect([...statuses.keys()]).toEqual([200]);

    const samples = parsePrometheus(await app.metrics());
    const total = (name: string, match: (labels: Record<string, string>) => boolean = () => true) =>
      select(samples, name)
        .filter((s) => match(s.labels))
        .reduce((sum, s) => sum + s.value, 0);
    const queued = total('otel_sdk_processor_span_queue_size');
    expect(queued).toBeLessThanOrEqual(QUEUE);
    const dropped = total('otel_sdk_processor_span_processed_total', (l) => l.error_type === 'queue_full');
    expect(dropped).toBeGreaterThan(0);
    // Every span produced (one server span per request) is accounted for: done (exported or failed,
    // dropped included), still queued, or in the exporter's hands.
    const processed = total('otel_sdk_processor_span_processed_total');
    const inflight = total('otel_sdk_exporter_span_inflight');
    expect(processed + queued + inflight).toBe(RATE * SECONDS);

    const report = await shutdownReport(app.url);
    expect(report.unhandled).toBe(0);
    // A bound, not a benchmark: shutdown must give up at its timeout even with the collector down.
    expect(report.millis).toBeLessThan(SHUTDOWN_TIMEOUT + 1000);
    expect(app.stderr()).not.toMatch(/Unhandled|ERR_UNHANDLED|TypeError/);
  });
});
