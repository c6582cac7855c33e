import { describe, expect, it } from 'vitest';
import { INVALID_VALUE_EFFECT } from './envScope.js';
import { ENV_VARS } from './envTable.js';
import type { ObservabilityOptions } from './options.js';
import { describeType } from './readEnv.js';
import { formatProblem, type ResolvedConfig, resolveConfig } from './resolveConfig.js';
import { SignalkitError } from './SignalkitError.js';

type CoreName = Extract<(typeof ENV_VARS)[number], { scope: 'sdk' | 'metrics' }>['name'];

interface VariableCase {
  /** The configuration field the variable sets. */
  read(config: ResolvedConfig): unknown;
  /** The field when the variable is unset. */
  byDefault: unknown;
  /** A valid value other than the default, and the field it gives. */
  valid: [string, unknown];
  /** An invalid value; none for a string, where any non-blank value is valid. */
  invalid: string | undefined;
}

const DEFAULT_ATTRIBUTES = { 'service.name': 'unknown_service:node' };

// Partial so that a variable added to the table fails the test below, not the type check.
const CASES: Partial<Record<CoreName, VariableCase>> = {
  OTEL_SDK_DISABLED: { read: (c) => c.disabled, byDefault: false, valid: ['true', true], invalid: 'yes' },
  OTEL_SERVICE_NAME: {
    read: (c) => [c.serviceName, c.resourceAttributes['service.name']],
    byDefault: ['unknown_service:node', 'unknown_service:node'],
    valid: ['orders', ['orders', 'orders']],
    invalid: undefined,
  },
  OTEL_RESOURCE_ATTRIBUTES: {
    read: (c) => c.resourceAttributes,
    byDefault: DEFAULT_ATTRIBUTES,
    valid: ['team=payments,region=eu%20west', { ...DEFAULT_ATTRIBUTES, team: 'payments', region: 'eu west' }],
    invalid: 'team',
  },
  OTEL_LOG_LEVEL: { read: (c) => c.logLevel, byDefault: 'warn', valid: ['debug', 'debug'], invalid: 'loud' },
  OTEL_METRICS_EXPORTER: {
    read: (c) => c.metrics.enabled,
    byDefault: true,
    valid: ['none', false],
    invalid: 'bogus',
  },
  OTEL_EXPORTER_PROMETHEUS_HOST: {
    read: (c) => c.metrics.prometheus?.host,
    byDefault: '127.0.0.1',
    valid: ['0.0.0.0', '0.0.0.0'],
    invalid: 'http://0.0.0.0',
  },
  OTEL_EXPORTER_PROMETHEUS_PORT: {
    read: (c) => c.metrics.prometheus?.port,
    byDefault: 9464,
    valid: ['9100', 9100],
    invalid: 'abc',
  },
  SIGNALKIT_METRICS_PATH: {
    read: (c) => c.metrics.prometheus?.path,
    byDefault: '/metrics',
    valid: ['/prom', '/prom'],
    invalid: 'metrics',
  },
  SIGNALKIT_CARDINALITY_LIMIT: {
    read: (c) => c.metrics.cardinalityLimit,
    byDefault: 2000,
    valid: ['50', 50],
    invalid: '-1',
  },
  SIGNALKIT_RUNTIME_METRICS: {
    read: (c) => c.metrics.runtime,
    byDefault: true,
    valid: ['false', false],
    invalid: 'maybe',
  },
  SIGNALKIT_HTTP_CLIENT_METRICS: {
    read: (c) => c.metrics.httpClient,
    byDefault: true,
    valid: ['false', false],
    invalid: 'nope',
  },
  SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS: {
    read: (c) => c.shutdownTimeoutMillis,
    byDefault: 5000,
    valid: ['250', 250],
    invalid: '-5',
  },
  SIGNALKIT_SHUTDOWN_ON_SIGNALS: {
    read: (c) => c.shutdownOnSignals,
    byDefault: false,
    valid: ['true', true],
    invalid: 'always',
  },
  SIGNALKIT_METRICS_AUTH: {
    read: (c) => c.metrics.prometheus?.auth?.scheme,
    byDefault: undefined,
    valid: ['bearer:s3cret', 'bearer'],
    invalid: 'token-without-scheme',
  },
};

const resolve = (env: Record<string, string>, options: ObservabilityOptions = {}) =>
  resolveConfig({ ...options, env });

const CORE_SPECS = ENV_VARS.filter((spec) => spec.scope === 'sdk' || spec.scope === 'metrics');

it('has a case for every signalkit and metrics variable of envTable.ts', () => {
  expect(Object.keys(CASES).sort()).toEqual(CORE_SPECS.map((spec) => spec.name).sort());
});

describe.each(CORE_SPECS.map((spec) => [spec.name, spec] as const))('%s', (name, spec) => {
  const c = CASES[name as CoreName];
  if (c === undefined) {
    it('has a case in resolveConfig.test.ts', () => {
      throw new Error(`add a case for ${name} to CASES`);
    });
    return;
  }

  it('is at its default when unset, and the default is the one the table documents', () => {
    expect(c.read(resolve({}).config)).toEqual(c.byDefault);
    if (spec.default !== undefined) {
      const documented = resolve({ [name]: spec.default });
      expect(documented.problems).toEqual([]);
      expect(c.read(documented.config)).toEqual(c.byDefault);
    }
  });

  it('sets its field from a valid value, without a problem', () => {
    const [raw, expected] = c.valid;
    const { config, problems } = resolve({ [name]: raw });
    expect(problems).toEqual([]);
    expect(c.read(config)).toEqual(expected);
  });

  it('treats a blank value as unset', () => {
    const { config, problems } = resolve({ [name]: '   ' });
    expect(problems).toEqual([]);
    expect(c.read(config)).toEqual(c.byDefault);
  });

  if (c.invalid === undefined)
    it('has no invalid value: any non-blank value is used as is', () => {
      const { config, problems } = resolve({ [name]: ' any value, even "odd" ' });
      expect(problems).toEqual([]);
      expect(c.read(config)).not.toEqual(c.byDefault);
    });
  else
    it('reports an invalid value as exactly one problem naming the variable, the value and what was expected', () => {
      const raw = c.invalid as string;
      const { problems } = resolve({ [name]: raw });
      // A variable that may hold credentials is named, its value never shown.
      const sensitive = 'sensitive' in spec && spec.sensitive === true;
      expect(problems).toEqual([
        {
          variable: name,
          value: sensitive ? '(hidden: may hold credentials)' : raw,
          expected: describeType(spec.type),
          consequence: INVALID_VALUE_EFFECT[spec.scope],
        },
      ]);
      const line = formatProblem(problems[0] as (typeof problems)[number]);
      expect(line).toContain(name);
      if (sensitive) expect(line).not.toContain(raw);
      else expect(line).toContain(JSON.stringify(raw));
      expect(line).toContain(describeType(spec.type));
      expect(line).not.toContain('\n');
    });

  if (spec.scope === 'metrics') {
    if (c.invalid !== undefined)
      it('turns metrics off on an invalid value; the rest runs', () => {
        const { config } = resolve({ [name]: c.invalid as string });
        expect(config.metrics.enabled).toBe(false);
        expect(config.disabled).toBe(false);
      });
  } else {
    if (c.invalid !== undefined)
      it('falls back to the default on an invalid value; metrics stay on', () => {
        const { config } = resolve({ [name]: c.invalid as string });
        expect(c.read(config)).toEqual(c.byDefault);
        expect(config.metrics.enabled).toBe(true);
      });
  }
});

describe('resolveConfig', () => {
  it('takes service.name from OTEL_RESOURCE_ATTRIBUTES when OTEL_SERVICE_NAME is unset, else from OTEL_SERVICE_NAME', () => {
    expect(resolve({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=billing' }).config.serviceName).toBe('billing');
    const both = resolve({ OTEL_RESOURCE_ATTRIBUTES: 'service.name=billing', OTEL_SERVICE_NAME: 'orders' });
    expect(both.config.serviceName).toBe('orders');
    expect(both.config.resourceAttributes['service.name']).toBe('orders');
  });

  it('reports one problem per invalid variable', () => {
    const { problems, config } = resolve({
      OTEL_EXPORTER_PROMETHEUS_PORT: 'abc',
      SIGNALKIT_CARDINALITY_LIMIT: '-1',
      OTEL_LOG_LEVEL: 'loud',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'OTEL_EXPORTER_PROMETHEUS_PORT',
      'OTEL_LOG_LEVEL',
      'SIGNALKIT_CARDINALITY_LIMIT',
    ]);
    expect(config.metrics.enabled).toBe(false);
  });

  it('returns a deeply frozen configuration', () => {
    const { config } = resolve({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.metrics)).toBe(true);
    expect(Object.isFrozen(config.metrics.prometheus)).toBe(true);
    expect(Object.isFrozen(config.resourceAttributes)).toBe(true);
  });

  it('reads process.env when no env option is given', () => {
    const before = process.env.OTEL_SERVICE_NAME;
    process.env.OTEL_SERVICE_NAME = 'from-process-env';
    try {
      expect(resolveConfig().config.serviceName).toBe('from-process-env');
    } finally {
      if (before === undefined) delete process.env.OTEL_SERVICE_NAME;
      else process.env.OTEL_SERVICE_NAME = before;
    }
  });
});

describe('precedence: options > environment > defaults', () => {
  const ENV = {
    OTEL_SDK_DISABLED: 'true',
    OTEL_SERVICE_NAME: 'from-env',
    OTEL_RESOURCE_ATTRIBUTES: 'team=env,region=env',
    OTEL_LOG_LEVEL: 'debug',
    OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
    OTEL_EXPORTER_PROMETHEUS_PORT: '9100',
    SIGNALKIT_METRICS_PATH: '/env',
    SIGNALKIT_CARDINALITY_LIMIT: '10',
    SIGNALKIT_RUNTIME_METRICS: 'false',
    SIGNALKIT_HTTP_CLIENT_METRICS: 'false',
    SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS: '100',
  };

  it('options win over every environment variable', () => {
    const { config, problems } = resolve(
      { ...ENV, OTEL_METRICS_EXPORTER: 'none' },
      {
        disabled: false,
        serviceName: 'from-code',
        resourceAttributes: { team: 'code' },
        logLevel: 'error',
        shutdownTimeoutMillis: 1234,
        metrics: {
          enabled: true,
          cardinalityLimit: 77,
          runtime: true,
          httpClient: true,
          prometheus: { host: '::1', port: 9200, path: '/code' },
        },
      },
    );
    expect(problems).toEqual([]);
    expect(config.disabled).toBe(false);
    expect(config.serviceName).toBe('from-code');
    expect(config.resourceAttributes).toEqual({ team: 'code', region: 'env', 'service.name': 'from-code' });
    expect(config.logLevel).toBe('error');
    expect(config.shutdownTimeoutMillis).toBe(1234);
    expect(config.metrics).toMatchObject({
      enabled: true,
      cardinalityLimit: 77,
      runtime: true,
      httpClient: true,
      prometheus: { host: '::1', port: 9200, path: '/code' },
    });
  });

  it('the environment wins over the defaults', () => {
    const { config, problems } = resolve(ENV);
    expect(problems).toEqual([]);
    expect(config.disabled).toBe(true);
    expect(config.serviceName).toBe('from-env');
    expect(config.logLevel).toBe('debug');
    expect(config.shutdownTimeoutMillis).toBe(100);
    expect(config.metrics).toMatchObject({
      enabled: true,
      cardinalityLimit: 10,
      runtime: false,
      httpClient: false,
      prometheus: { host: '0.0.0.0', port: 9100, path: '/env' },
    });
    expect(resolve({ ...ENV, OTEL_METRICS_EXPORTER: 'none' }).config.metrics.enabled).toBe(false);
  });

  it('options win over the defaults', () => {
    const { config } = resolve({}, { metrics: { prometheus: { port: 0 } }, logLevel: 'none' });
    expect(config.metrics.prometheus).toEqual({ host: '127.0.0.1', port: 0, path: '/metrics' });
    expect(config.logLevel).toBe('none');
  });

  it('an option that replaces an invalid variable makes it irrelevant: no problem, metrics stay on', () => {
    const { config, problems } = resolve(
      { OTEL_EXPORTER_PROMETHEUS_PORT: 'abc', SIGNALKIT_CARDINALITY_LIMIT: '-1' },
      { metrics: { prometheus: { port: 9300 }, cardinalityLimit: 5 } },
    );
    expect(problems).toEqual([]);
    expect(config.metrics.enabled).toBe(true);
    expect(config.metrics.prometheus?.port).toBe(9300);
  });

  it('metrics.prometheus: false ignores the endpoint variables', () => {
    const { config, problems } = resolve(
      { OTEL_EXPORTER_PROMETHEUS_PORT: 'abc' },
      { metrics: { prometheus: false } },
    );
    expect(problems).toEqual([]);
    expect(config.metrics.enabled).toBe(true);
    expect(config.metrics.prometheus).toBeUndefined();
  });

  it('metrics.enabled: true keeps metrics on despite an invalid variable, which then falls back to its default', () => {
    const { config, problems } = resolve(
      { OTEL_EXPORTER_PROMETHEUS_PORT: 'abc' },
      { metrics: { enabled: true } },
    );
    expect(config.metrics.enabled).toBe(true);
    expect(config.metrics.prometheus?.port).toBe(9464);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.consequence).toBe(INVALID_VALUE_EFFECT.sdk);
  });
});

describe('option type errors', () => {
  const BAD: [string, unknown][] = [
    ['options', 'orders'],
    ['options', null],
    ['disabled', { disabled: 'yes' }],
    ['serviceName', { serviceName: 42 }],
    ['serviceName', { serviceName: '' }],
    ['resourceAttributes', { resourceAttributes: 'team=a' }],
    ['resourceAttributes', { resourceAttributes: { team: 1 } }],
    ['logLevel', { logLevel: 'loud' }],
    ['shutdownTimeoutMillis', { shutdownTimeoutMillis: -1 }],
    ['shutdownTimeoutMillis', { shutdownTimeoutMillis: 1.5 }],
    ['shutdownTimeoutMillis', { shutdownTimeoutMillis: '100' }],
    ['metrics', { metrics: true }],
    ['metrics.enabled', { metrics: { enabled: 'true' } }],
    ['metrics.runtime', { metrics: { runtime: 0 } }],
    ['metrics.httpClient', { metrics: { httpClient: null } }],
    ['metrics.cardinalityLimit', { metrics: { cardinalityLimit: 0 } }],
    ['metrics.prometheus', { metrics: { prometheus: true } }],
    ['metrics.prometheus.port', { metrics: { prometheus: { port: 70000 } } }],
    ['metrics.prometheus.port', { metrics: { prometheus: { port: '9464' } } }],
    ['metrics.prometheus.host', { metrics: { prometheus: { host: 'http://x' } } }],
    ['metrics.prometheus.path', { metrics: { prometheus: { path: 'metrics' } } }],
    ['env', { env: 'OTEL_SERVICE_NAME=x' }],
  ];

  it.each(BAD)('throws SignalkitError SIGNALKIT_INVALID_OPTION naming %s', (option, options) => {
    let thrown: unknown;
    try {
      resolveConfig(options as ObservabilityOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SignalkitError);
    expect((thrown as SignalkitError).code).toBe('SIGNALKIT_INVALID_OPTION');
    expect((thrown as SignalkitError).name).toBe('SignalkitError');
    expect((thrown as SignalkitError).message).toContain(
      option === 'options' ? 'options' : `option ${option}`,
    );
  });

  it('accepts an empty options object and undefined', () => {
    expect(() => resolveConfig({ env: {} })).not.toThrow();
    expect(() => resolveConfig(undefined)).not.toThrow();
  });
});

/** One invalid value per type; a string has none (any non-blank value is valid). */
const INVALID_BY_KIND: Record<string, string> = {
  boolean: 'yes',
  integer: 'abc',
  enum: 'bogus',
  list: 'bogus',
  keyValueList: 'novalue',
  host: 'http://x',
  path: 'nope',
  url: 'nope',
  ratio: '2',
  names: 'a b',
  credentials: 'no-scheme-secret',
};

/** What must be on for a variable of the scope to matter, so its being invalid can turn something off. */
const CONTEXT: Record<string, Record<string, string>> = {
  sdk: {},
  metrics: {},
  traces: { OTEL_TRACES_EXPORTER: 'otlp' },
  otlp: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_METRICS_EXPORTER: 'prometheus,otlp' },
  otlpMetrics: { OTEL_METRICS_EXPORTER: 'prometheus,otlp' },
};

describe.each(
  ENV_VARS.filter((spec) => spec.type.kind !== 'string').map((spec) => [spec.name, spec] as const),
)('every variable: invalid %s', (name, spec) => {
  it('is one problem naming it, its value (unless sensitive) and what was expected; its part is off', () => {
    const raw = INVALID_BY_KIND[spec.type.kind];
    const context = CONTEXT[spec.scope];
    if (raw === undefined || context === undefined)
      throw new Error(`add an invalid sample for ${spec.type.kind} / a context for scope ${spec.scope}`);
    const env = { ...context, [name]: raw };
    const { config, problems } = resolve(env);
    const sensitive = 'sensitive' in spec && spec.sensitive === true;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      variable: name,
      expected: describeType(spec.type),
      consequence: INVALID_VALUE_EFFECT[spec.scope],
    });
    const line = formatProblem(problems[0] as (typeof problems)[number]);
    expect(line.startsWith(`${name}=`)).toBe(true);
    if (sensitive) expect(line).not.toContain(raw);
    else expect(line).toContain(JSON.stringify(raw));
    switch (spec.scope) {
      case 'sdk':
        expect(config.metrics.enabled).toBe(true);
        break;
      case 'metrics':
        expect(config.metrics.enabled).toBe(false);
        break;
      case 'traces':
        expect(config.traces.enabled).toBe(false);
        expect(config.metrics.enabled).toBe(true);
        break;
      case 'otlp':
        expect(config.traces.enabled).toBe(false);
        expect(config.metrics.otlp).toBeUndefined();
        expect(config.metrics.enabled).toBe(true);
        break;
      case 'otlpMetrics':
        expect(config.metrics.otlp).toBeUndefined();
        expect(config.metrics.enabled).toBe(true);
        break;
      default:
        throw new Error(`add the effect of scope ${(spec as { scope: string }).scope}`);
    }
  });
});
