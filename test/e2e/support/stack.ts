import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../support/freePort.js';
import type { Backends } from './backends.js';
import { alertmanagerConfig, alertRulesWithShortFor, jaegerConfig, prometheusConfig } from './configs.js';
import { DOCKER, EXPRESS_API } from './paths.js';
import { type ProcessGroups, type Started, waitFor } from './processes.js';

/** The `for:` of the ErrorBudgetBurn page rules in the test's copy of the alert rules (2m as bundled). */
export const ERROR_BUDGET_PAGE_FOR = '10s';

export const BUNDLED = {
  prometheus: join(DOCKER, 'prometheus', 'prometheus.yml'),
  recordingRules: join(DOCKER, 'prometheus', 'rules', 'signalkit-recording.yml'),
  alertRules: join(DOCKER, 'prometheus', 'rules', 'signalkit-alerts.yml'),
  alertmanager: join(DOCKER, 'alertmanager', 'alertmanager.yml'),
  collector: join(DOCKER, 'otel-collector', 'config.yaml'),
  collectorFileExport: join(DOCKER, 'otel-collector', 'config.file-export.yaml'),
  webhookReceiver: join(DOCKER, 'webhook-receiver', 'server.mjs'),
} as const;

export interface Stack {
  readonly processes: ProcessGroups;
  readonly prometheus: string;
  readonly alertmanager: string;
  readonly webhookReceiver: string;
  /** The Jaeger query API's base URL, `undefined` when Jaeger is not available here. */
  readonly jaeger: string | undefined;
  /** The file the collector's file exporter writes (OTLP JSON, one request per line). */
  readonly collectorExport: string;
  readonly orders: string;
  readonly inventory: string;
  /** The Prometheus config the test generated, and the alert rules copy it loads. */
  readonly prometheusConfigFile: string;
  readonly alertRulesCopy: string;
  /** How many `for:` lines the alert rules copy changed (one ErrorBudgetBurn page rule per service). */
  readonly shortenedForRules: number;
}

const url = (port: number) => `http://127.0.0.1:${port}`;

async function ok(address: string): Promise<boolean> {
  return (await fetch(address, { signal: AbortSignal.timeout(2000) })).ok;
}

/** Waits until `check` passes; fails at once, with the process's output, when the process exits first. */
async function ready(started: Started, check: () => Promise<boolean>, timeoutMillis = 60_000): Promise<void> {
  let exited: number | string | null | undefined;
  void started.exited.then((code) => {
    exited = code;
  });
  await waitFor(
    `${started.name} to be ready`,
    async () => {
      if (exited !== undefined)
        throw new Error(`${started.name} exited (${exited}) before it was ready:\n${started.output()}`);
      return check();
    },
    { timeoutMillis },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${started.name} output:\n${started.output().slice(-4000)}`);
  });
}

/**
 * Starts, on 127.0.0.1 and free ports: the demo webhook receiver, Alertmanager, Jaeger (when built), the
 * collector (bundled config + the file-export overlay, endpoints from its env variables), the two example
 * services with the signalkit preload (traces and logs over OTLP to the collector, metrics scraped), and
 * Prometheus with the bundled scrape config and rules. Processes are in `processes`: stop them with
 * `processes.stopAll()`, also when this throws.
 */
export async function startStack(backends: Backends, dir: string, processes: ProcessGroups): Promise<Stack> {
  const port = {
    webhook: await freePort(),
    alertmanager: await freePort(),
    prometheus: await freePort(),
    jaegerOtlp: await freePort(),
    jaegerQuery: await freePort(),
    jaegerQueryGrpc: await freePort(),
    jaegerHealth: await freePort(),
    otlpGrpc: await freePort(),
    otlpHttp: await freePort(),
    collectorHealth: await freePort(),
    collectorMetrics: await freePort(),
    orders: await freePort(),
    ordersMetrics: await freePort(),
    inventory: await freePort(),
    inventoryMetrics: await freePort(),
    closed: await freePort(), // nothing listens here: Loki's place, and Jaeger's when it is not built
  };

  const webhook = processes.start('webhook-receiver', process.execPath, [BUNDLED.webhookReceiver], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port.webhook), KEEP: '200' },
  });
  await ready(webhook, () => ok(`${url(port.webhook)}/healthz`));

  const amConfig = join(dir, 'alertmanager.yml');
  await writeFile(
    amConfig,
    alertmanagerConfig(await readFile(BUNDLED.alertmanager, 'utf8'), url(port.webhook)),
  );
  const alertmanager = processes.start('alertmanager', backends.alertmanager, [
    `--config.file=${amConfig}`,
    `--storage.path=${join(dir, 'alertmanager-data')}`,
    `--web.listen-address=127.0.0.1:${port.alertmanager}`,
    '--cluster.listen-address=',
  ]);
  await ready(alertmanager, () => ok(`${url(port.alertmanager)}/-/ready`));

  let jaeger: string | undefined;
  if (backends.jaeger !== undefined) {
    const config = join(dir, 'jaeger.yaml');
    await writeFile(
      config,
      jaegerConfig({
        otlpGrpc: port.jaegerOtlp,
        queryHttp: port.jaegerQuery,
        queryGrpc: port.jaegerQueryGrpc,
        health: port.jaegerHealth,
      }),
    );
    const started = processes.start('jaeger', backends.jaeger, [`--config=${config}`]);
    jaeger = url(port.jaegerQuery);
    await ready(started, () => ok(`${jaeger}/api/v3/services`));
  }

  const collectorExport = join(dir, 'otelcol-export.jsonl');
  const collector = processes.start(
    'otelcol',
    backends.otelcol,
    [`--config=${BUNDLED.collector}`, `--config=${BUNDLED.collectorFileExport}`],
    {
      env: {
        ...process.env,
        OTELCOL_HEALTH_ENDPOINT: `127.0.0.1:${port.collectorHealth}`,
        OTELCOL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${port.otlpGrpc}`,
        OTELCOL_OTLP_HTTP_ENDPOINT: `127.0.0.1:${port.otlpHttp}`,
        OTELCOL_METRICS_HOST: '127.0.0.1',
        OTELCOL_METRICS_PORT: String(port.collectorMetrics),
        OTELCOL_JAEGER_ENDPOINT: `127.0.0.1:${jaeger === undefined ? port.closed : port.jaegerOtlp}`,
        // Loki cannot run here: its exporter retries against a closed port; the file exporter has the logs.
        OTELCOL_LOKI_ENDPOINT: `${url(port.closed)}/otlp`,
        OTELCOL_FILE_PATH: collectorExport,
      },
    },
  );
  await ready(collector, () => ok(url(port.collectorHealth)));

  // As in docker/compose.yaml (x-app-env), with this machine's addresses.
  const appEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: url(port.otlpHttp),
  };
  const service = async (name: string, env: Record<string, string>, metricsPort: number) => {
    const started = processes.start(
      name,
      process.execPath,
      ['--import', '@signalkit/node/register', `src/${name}.js`],
      { cwd: EXPRESS_API, env: { ...appEnv, OTEL_SERVICE_NAME: name, ...env } },
    );
    await ready(
      started,
      async () => /^listening \d+$/m.test(started.output()) && ok(`${url(metricsPort)}/metrics`),
    );
  };
  await service(
    'inventory',
    { INVENTORY_PORT: String(port.inventory), OTEL_EXPORTER_PROMETHEUS_PORT: String(port.inventoryMetrics) },
    port.inventoryMetrics,
  );
  await service(
    'orders',
    {
      ORDERS_PORT: String(port.orders),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port.ordersMetrics),
      INVENTORY_URL: url(port.inventory),
    },
    port.ordersMetrics,
  );

  const alertRulesCopy = join(dir, 'signalkit-alerts.yml');
  const rules = alertRulesWithShortFor(await readFile(BUNDLED.alertRules, 'utf8'), ERROR_BUDGET_PAGE_FOR);
  await writeFile(alertRulesCopy, rules.text);
  const prometheusConfigFile = join(dir, 'prometheus.yml');
  await writeFile(
    prometheusConfigFile,
    prometheusConfig(
      await readFile(BUNDLED.prometheus, 'utf8'),
      {
        orders: `127.0.0.1:${port.ordersMetrics}`,
        inventory: `127.0.0.1:${port.inventoryMetrics}`,
        otelCollector: `127.0.0.1:${port.collectorMetrics}`,
        alertmanager: `127.0.0.1:${port.alertmanager}`,
        prometheus: `127.0.0.1:${port.prometheus}`,
      },
      [BUNDLED.recordingRules, alertRulesCopy],
    ),
  );
  await mkdir(join(dir, 'prometheus-data'));
  const prometheus = processes.start('prometheus', backends.prometheus, [
    `--config.file=${prometheusConfigFile}`,
    `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
    `--web.listen-address=127.0.0.1:${port.prometheus}`,
    // As in compose: exemplars (trace ids on latency buckets) are stored.
    '--enable-feature=exemplar-storage',
  ]);
  await ready(prometheus, () => ok(`${url(port.prometheus)}/-/ready`));

  return {
    processes,
    prometheus: url(port.prometheus),
    alertmanager: url(port.alertmanager),
    webhookReceiver: url(port.webhook),
    jaeger,
    collectorExport,
    orders: url(port.orders),
    inventory: url(port.inventory),
    prometheusConfigFile,
    alertRulesCopy,
    shortenedForRules: rules.changed,
  };
}
