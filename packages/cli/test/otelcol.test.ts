import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/freePort.js';
import { DOCKER, ROOT } from './support/paths.js';
import { start, stopAll, waitFor } from './support/processes.js';
import { run, runAsync } from './support/run.js';

const CONFIG = join(DOCKER, 'otel-collector', 'config.yaml');
const FILE_EXPORT = join(DOCKER, 'otel-collector', 'config.file-export.yaml');

describe('OpenTelemetry Collector config (collector built with ocb from builder.yaml)', () => {
  let otelcol: string;
  let dir: string;

  beforeAll(async () => {
    // Builds once (minutes on a fresh machine), then reuses .cache/otelcol while the manifest is unchanged.
    const built = await runAsync('bash', [join(ROOT, 'scripts', 'build-collector.sh')], {
      timeoutMillis: 1_500_000,
    });
    expect(built.status, built.output).toBe(0);
    // The script prints the binary's path on stdout, the build's progress on stderr.
    otelcol = built.stdout.trim();
  }, 1_600_000);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signalkit-otelcol-'));
  });

  afterAll(async () => {
    await stopAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('the build is at the compose image version and has exactly the manifest components', async () => {
    const version = run(otelcol, ['--version']);
    const compose = await readFile(join(DOCKER, 'compose.yaml'), 'utf8');
    const image = /otel\/opentelemetry-collector-contrib:(\S+)/.exec(compose)?.[1];
    expect(version.output).toContain(`version ${image}`);
    const components = run(otelcol, ['components']).output;
    for (const type of [
      'otlp',
      'memory_limiter',
      'batch',
      'otlp_grpc',
      'otlp_http',
      'file',
      'health_check',
    ]) {
      expect(components).toContain(`name: ${type}`);
    }
  });

  it('otelcol validate accepts config.yaml with its defaults (compose)', () => {
    const { status, output } = run(otelcol, ['validate', `--config=${CONFIG}`]);
    expect(status, output).toBe(0);
  });

  it('otelcol validate accepts config.yaml + the file-export overlay with test endpoints from the environment', () => {
    const env = {
      ...process.env,
      OTELCOL_OTLP_GRPC_ENDPOINT: '127.0.0.1:4317',
      OTELCOL_JAEGER_ENDPOINT: '127.0.0.1:14317',
      OTELCOL_LOKI_ENDPOINT: 'http://127.0.0.1:3100/otlp',
      OTELCOL_FILE_PATH: join(dir, 'validate.jsonl'),
    };
    const { status, output } = run(otelcol, ['validate', `--config=${CONFIG}`, `--config=${FILE_EXPORT}`], {
      env,
    });
    expect(status, output).toBe(0);
  });

  it('otelcol validate rejects a copy naming an exporter the build lacks (the check can fail)', async () => {
    const text = (await readFile(CONFIG, 'utf8')).replaceAll('otlp_http/loki', 'loki');
    await writeFile(join(dir, 'bad.yaml'), text);
    const { status, output } = run(otelcol, ['validate', `--config=${join(dir, 'bad.yaml')}`]);
    expect(output).toContain('unknown type: "loki"');
    expect(status).not.toBe(0);
  });

  it('runs with test endpoints: OTLP logs and traces in, the file exporter out, health_check up', async () => {
    const [grpc, http, health, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const out = join(dir, 'export.jsonl');
    start(otelcol, [`--config=${CONFIG}`, `--config=${FILE_EXPORT}`], {
      env: {
        ...process.env,
        OTELCOL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${grpc}`,
        OTELCOL_OTLP_HTTP_ENDPOINT: `127.0.0.1:${http}`,
        OTELCOL_HEALTH_ENDPOINT: `127.0.0.1:${health}`,
        OTELCOL_METRICS_HOST: '127.0.0.1',
        OTELCOL_METRICS_PORT: String(metrics),
        // Nothing listens there: the collector keeps retrying them while the file exporter writes.
        OTELCOL_JAEGER_ENDPOINT: '127.0.0.1:9',
        OTELCOL_LOKI_ENDPOINT: 'http://127.0.0.1:9/otlp',
        OTELCOL_FILE_PATH: out,
      },
    });
    await waitFor('health_check', async () => (await fetch(`http://127.0.0.1:${health}/`)).ok);
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] };
    const traceId = '5b8efff798038103d269b633813fc60c';
    const post = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${http}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const logs = await post('/v1/logs', {
      resourceLogs: [
        {
          resource,
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: '1700000000000000000',
                  severityText: 'error',
                  body: { stringValue: 'payment failed' },
                  traceId,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(logs.status).toBe(200);
    const traces = await post('/v1/traces', {
      resourceSpans: [
        {
          resource,
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId: 'eee19b7ec3c1b174',
                  name: 'GET /orders/:id',
                  kind: 2,
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000100000000',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(traces.status).toBe(200);
    const exported = () => readFile(out, 'utf8').catch(() => '');
    await waitFor('the file exporter to write both', async () => {
      const text = await exported();
      return text.includes('payment failed') && text.includes('GET /orders/:id');
    });
    // The collector's own metrics, for Prometheus's otel-collector job.
    const self = await (await fetch(`http://127.0.0.1:${metrics}/metrics`)).text();
    expect(self).toContain('otelcol_receiver_accepted_log_records');
  });
});
