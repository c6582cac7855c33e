// What is measured: two apps, and for each the ways of instrumenting it. A variant is a preload plus
// environment; the apps themselves only read PORT, BENCH_PROM_CLIENT and STARTUP_PROBE.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

export const APPS = {
  http: { script: join(BENCH_DIR, 'apps/http.cjs'), path: '/users/42' },
  express: { script: join(BENCH_DIR, 'apps/express.cjs'), path: '/users/42' },
};

/** Settings every OpenTelemetry peer config shares (the cloud detectors would probe addresses off this machine). */
const OTEL_PEER_COMMON = {
  OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process,serviceinstance',
  OTEL_LOGS_EXPORTER: 'none',
  OTEL_METRICS_EXPORTER: 'prometheus',
};

/**
 * Each variant: `preload` node flags, `env(ports)` with ports = { app, metrics, otlp }, `scrape` = which port
 * serves /metrics (undefined: none), `traced` = spans go to the OTLP endpoint, `sampled` = expected share.
 */
export const VARIANTS = {
  bare: {
    description: 'no instrumentation',
    preload: [],
    env: () => ({}),
  },
  'signalkit-metrics': {
    description: 'signalkit preload, defaults (metrics only)',
    preload: ['--require', '@signalkit/node/register'],
    env: (ports) => ({ OTEL_EXPORTER_PROMETHEUS_PORT: String(ports.metrics) }),
    scrape: 'metrics',
  },
  'signalkit-traces-100': {
    description: 'signalkit preload, metrics + OTLP traces, parentbased_always_on',
    preload: ['--require', '@signalkit/node/register'],
    env: (ports) => ({
      OTEL_EXPORTER_PROMETHEUS_PORT: String(ports.metrics),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlp}`,
      OTEL_TRACES_SAMPLER: 'parentbased_always_on',
    }),
    scrape: 'metrics',
    traced: true,
  },
  'signalkit-traces-10': {
    description: 'signalkit preload, metrics + OTLP traces, parentbased_traceidratio 0.1',
    preload: ['--require', '@signalkit/node/register'],
    env: (ports) => ({
      OTEL_EXPORTER_PROMETHEUS_PORT: String(ports.metrics),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlp}`,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.1',
    }),
    scrape: 'metrics',
    traced: true,
  },
  'auto-metrics': {
    description: 'auto-instrumentations-node register, Prometheus metrics, traces off',
    preload: ['--require', '@opentelemetry/auto-instrumentations-node/register'],
    env: (ports) => ({
      ...OTEL_PEER_COMMON,
      OTEL_TRACES_EXPORTER: 'none',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(ports.metrics),
    }),
    scrape: 'metrics',
  },
  'auto-traces': {
    description: 'auto-instrumentations-node register, Prometheus metrics + OTLP traces, always_on',
    preload: ['--require', '@opentelemetry/auto-instrumentations-node/register'],
    env: (ports) => ({
      ...OTEL_PEER_COMMON,
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.otlp}`,
      OTEL_TRACES_SAMPLER: 'always_on',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(ports.metrics),
    }),
    scrape: 'metrics',
    traced: true,
  },
  'prom-client': {
    description: 'prom-client: collectDefaultMetrics + route histogram, /metrics on the app port',
    preload: [],
    env: () => ({ BENCH_PROM_CLIENT: '1' }),
    scrape: 'app',
  },
};

/** Variants compared with bare in the throughput pairs, in report order. */
export const THROUGHPUT_VARIANTS = [
  'signalkit-metrics',
  'signalkit-traces-100',
  'signalkit-traces-10',
  'auto-metrics',
  'auto-traces',
  'prom-client',
];

/** Variants timed at startup (the sampling ratio does not change startup, so one traced signalkit row). */
export const STARTUP_VARIANTS = [
  'signalkit-metrics',
  'signalkit-traces-100',
  'auto-metrics',
  'auto-traces',
  'prom-client',
];

/** Variants run for a minute with the OTLP endpoint down (bare as the reference). */
export const ENDPOINT_DOWN_VARIANTS = ['bare', 'signalkit-traces-100', 'auto-traces'];

/** The signalkit preload as users write it; the harness may point it at a private copy of dist/. */
const SIGNALKIT_REGISTER = '@signalkit/node/register';
let signalkitRegister = SIGNALKIT_REGISTER;

/** Preloads the copy of @signalkit/node's register entry at `path` instead of the package's own. */
export function useSignalkitRegister(path) {
  signalkitRegister = path;
}

/** The node flags that load `variantName`'s instrumentation. */
export function preloadArgs(variantName) {
  return VARIANTS[variantName].preload.map((arg) => (arg === SIGNALKIT_REGISTER ? signalkitRegister : arg));
}

/**
 * The child's whole environment: PATH plus the variant's settings. Nothing else is inherited, so an
 * OTEL_* or NODE_OPTIONS in the caller's shell cannot change what is measured.
 */
export function childEnv(variantName, ports, extra = {}) {
  return {
    PATH: process.env.PATH ?? '',
    OTEL_SERVICE_NAME: 'bench',
    PORT: String(ports.app),
    ...VARIANTS[variantName].env(ports),
    ...extra,
  };
}
