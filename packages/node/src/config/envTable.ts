import type { EnvVarSpec } from './envScope.js';
import { METRICS_OTLP_ENV_VARS } from './metricsOtlpEnvTable.js';
import { TRACES_ENV_VARS } from './tracesEnvTable.js';

/**
 * The one declarative table of environment variables @signalkit/node reads. It drives validation
 * (config/readEnv.ts, through createEnvReader.ts) and the README's configuration table
 * (scripts/gen-config-docs.mjs); a test checks the two agree.
 */

// What an invalid value does is read beside the table (scripts/gen-config-docs.mjs, the README).
export { INVALID_VALUE_EFFECT } from './envScope.js';

const PORT = { kind: 'integer', min: 0, max: 65535 } as const;

const CORE_ENV_VARS = [
  {
    name: 'OTEL_SDK_DISABLED',
    type: { kind: 'boolean' },
    default: 'false',
    scope: 'sdk',
    description: 'Turns signalkit off entirely: no metrics, no endpoint, no hooks.',
  },
  {
    name: 'OTEL_SERVICE_NAME',
    type: { kind: 'string' },
    default: 'unknown_service:node',
    scope: 'sdk',
    description: 'The `service.name` resource attribute; wins over the one in `OTEL_RESOURCE_ATTRIBUTES`.',
  },
  {
    name: 'OTEL_RESOURCE_ATTRIBUTES',
    type: { kind: 'keyValueList' },
    default: undefined,
    scope: 'sdk',
    description:
      'Resource attributes as `key1=value1,key2=value2` (values percent-decoded), shown on `target_info`.',
  },
  {
    name: 'OTEL_LOG_LEVEL',
    type: { kind: 'enum', values: ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] },
    default: 'warn',
    scope: 'sdk',
    description: "Level of signalkit's own diagnostics on stderr (rate-limited).",
  },
  {
    name: 'OTEL_METRICS_EXPORTER',
    type: { kind: 'list', values: ['prometheus', 'otlp', 'none'] },
    default: 'prometheus',
    scope: 'metrics',
    description:
      'Where metrics go: `prometheus` serves the pull endpoint, `otlp` pushes them, `prometheus,otlp` both; `none` turns metrics off.',
  },
  {
    name: 'OTEL_EXPORTER_PROMETHEUS_HOST',
    type: { kind: 'host' },
    default: '127.0.0.1',
    scope: 'metrics',
    description: 'Address the Prometheus endpoint binds. Loopback by default: set `0.0.0.0` to expose it.',
  },
  {
    name: 'OTEL_EXPORTER_PROMETHEUS_PORT',
    type: PORT,
    default: '9464',
    scope: 'metrics',
    description: 'Port of the Prometheus endpoint (`0` picks a free one; see the handle health).',
  },
  {
    name: 'SIGNALKIT_METRICS_PATH',
    type: { kind: 'path' },
    default: '/metrics',
    scope: 'metrics',
    description: 'HTTP path of the Prometheus endpoint.',
  },
  {
    name: 'SIGNALKIT_METRICS_AUTH',
    sensitive: true,
    type: { kind: 'credentials' },
    default: undefined,
    scope: 'metrics',
    description:
      'Credentials a scrape must present: `bearer:<token>` or `basic:<user>:<password>`; without them the endpoint answers 401. Never printed.',
  },
  {
    name: 'SIGNALKIT_CARDINALITY_LIMIT',
    type: { kind: 'integer', min: 1, max: 1_000_000 },
    default: '2000',
    scope: 'metrics',
    description:
      'Attribute sets kept per instrument; the rest are counted in one `otel_metric_overflow="true"` series.',
  },
  {
    name: 'SIGNALKIT_RUNTIME_METRICS',
    type: { kind: 'boolean' },
    default: 'true',
    scope: 'metrics',
    description: 'Saturation metrics: event loop delay and utilization, heap, GC, CPU, RSS, handles.',
  },
  {
    name: 'SIGNALKIT_HTTP_CLIENT_METRICS',
    type: { kind: 'boolean' },
    default: 'true',
    scope: 'metrics',
    description: '`http.client.request.duration` for `node:http` clients and `fetch`.',
  },
  {
    name: 'SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS',
    type: { kind: 'integer', min: 0, max: 600_000 },
    default: '5000',
    scope: 'sdk',
    description: 'Upper bound of `shutdown()` and `forceFlush()`, in milliseconds.',
  },
  {
    name: 'SIGNALKIT_SHUTDOWN_ON_SIGNALS',
    type: { kind: 'boolean' },
    default: 'false',
    scope: 'sdk',
    description:
      'On SIGTERM/SIGINT, run the bounded `shutdown()`, then end the process with that signal; when the app listens for the signal itself, only flush and leave the exit to it.',
  },
] as const satisfies readonly EnvVarSpec[];

/** Every variable, in the order of the README table. */
export const ENV_VARS = [...CORE_ENV_VARS, ...METRICS_OTLP_ENV_VARS, ...TRACES_ENV_VARS] as const;

export type EnvVarName = (typeof ENV_VARS)[number]['name'];
