import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheus, sampleValue, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'lazy.cjs');
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** The OpenTelemetry packages the app has loaded, besides the API (which the preload always loads). */
async function loaded(path = '/loaded'): Promise<string[]> {
  const packages = (await (await fetch(`${app?.url}${path}`)).json()) as string[];
  return packages.filter((name) => name !== '@opentelemetry/api');
}

describe.each(['require', 'import'] as const)('the SDK loads where it is used (preload: --%s)', (mode) => {
  it('metrics only: nothing of the SDK until an app instrument, then it is on the same endpoint', async () => {
    app = await startApp(APP, { mode });
    // The golden signals and runtime metrics are served without the SDK.
    expect(await loaded()).toEqual([]);
    const before = parsePrometheus(await app.metrics());
    expect(sampleValue(before, 'http_server_request_duration_seconds_count')).toBe(1);
    expect(select(before, 'nodejs_heap_used_bytes')).toHaveLength(1);
    expect(select(before, 'process_cpu_time_seconds_total')).toHaveLength(2);
    expect(await loaded()).toEqual([]);

    // The first getMeter() builds the SDK's MeterProvider; its instruments join the same endpoint.
    const after = await loaded('/meter');
    expect(after).toContain('@opentelemetry/sdk-metrics');
    expect(after).not.toContain('@opentelemetry/sdk-trace');
    expect(after).not.toContain('@opentelemetry/instrumentation');
    const samples = parsePrometheus(await app.metrics());
    expect(sampleValue(samples, 'app_jobs_total', { queue: 'mail' })).toBe(2);
    expect(sampleValue(samples, 'http_server_request_duration_seconds_count')).toBe(3);
    expect(select(samples, 'target_info')).toHaveLength(1);
    expect(select(samples, 'nodejs_heap_used_bytes')).toHaveLength(1);
    expect(app.stderr()).toBe('');
  });

  it('traces on: the trace SDK and the instrumentations; the exporter of the protocol in use with the first batch', async () => {
    app = await startApp(APP, {
      mode,
      env: {
        OTEL_TRACES_EXPORTER: 'otlp',
        // Nothing listens there: the exports fail, which is all this test needs.
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      },
    });
    const packages = await loaded();
    expect(packages).toEqual(
      expect.arrayContaining([
        '@opentelemetry/sdk-trace',
        '@opentelemetry/instrumentation',
        '@opentelemetry/instrumentation-http',
      ]),
    );
    expect(packages).not.toContain('@opentelemetry/exporter-trace-otlp-proto');
    // The first request's span goes out in the first batch, 200 ms later.
    let after: string[] = [];
    for (let i = 0; i < 50 && !after.includes('@opentelemetry/exporter-trace-otlp-proto'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await loaded();
    }
    expect(after).toContain('@opentelemetry/exporter-trace-otlp-proto');
    expect(after).not.toContain('@opentelemetry/exporter-trace-otlp-http');
  });
});
