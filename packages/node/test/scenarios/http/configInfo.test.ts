import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { parsePrometheus, select } from '../../../../../test/support/prometheusText.js';
import { type ChildApp, startApp } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'app.cjs');
const INFO = 'signalkit_config_info';
let app: ChildApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('signalkit_config_info on /metrics', () => {
  it('says traces are off and the cardinality limit is the default when nothing is set', async () => {
    app = await startApp(APP, { mode: 'require' });
    const info = select(parsePrometheus(await app.metrics()), INFO);
    expect(info).toEqual([
      {
        name: INFO,
        labels: { signalkit_cardinality_limit: '2000', signalkit_traces: 'off' },
        value: 1,
      },
    ]);
  });

  it('shows the limit set and the traces origin, never the credentials, path or query of the endpoint', async () => {
    const collectorPort = await freePort();
    const endpoint = `http://alice:s3cret@127.0.0.1:${collectorPort}/tenant-xyz/v1/traces?sig=topsecret`;
    app = await startApp(APP, {
      mode: 'require',
      env: {
        SIGNALKIT_CARDINALITY_LIMIT: '50',
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint,
      },
    });
    const text = await app.metrics();
    expect(select(parsePrometheus(text), INFO)).toEqual([
      {
        name: INFO,
        labels: {
          signalkit_cardinality_limit: '50',
          signalkit_traces: 'on',
          signalkit_traces_endpoint: `http://127.0.0.1:${collectorPort}`,
        },
        value: 1,
      },
    ]);
    for (const secret of ['alice', 's3cret', 'tenant-xyz', 'topsecret']) expect(text).not.toContain(secret);
  });
});
