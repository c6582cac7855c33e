import {
  getObservability,
  initObservability,
  type ObservabilityHandle,
  SignalkitError,
} from '@signalkit/node';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, resolveLoggerConfig, resolveRecordConfig } from './resolveConfig.js';

describe('resolveLoggerConfig', () => {
  it('has OTLP export off by default and the documented defaults', () => {
    const { config, problems } = resolveLoggerConfig({ env: {} });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      level: 'info',
      logLevel: 'warn',
      shutdownTimeoutMillis: 5000,
      otlp: undefined,
      record: { serviceName: 'unknown_service:node', resourceAttributes: {} },
    });
  });

  it('turns OTLP on with OTEL_LOGS_EXPORTER=otlp: protobuf to localhost:4318/v1/logs', () => {
    const { config } = resolveLoggerConfig({ env: { OTEL_LOGS_EXPORTER: 'otlp' } });
    expect(config.otlp).toEqual({
      endpoint: 'http://localhost:4318/v1/logs',
      protocol: 'http/protobuf',
      headers: {},
      timeoutMillis: 10_000,
      compression: 'none',
      maxQueueSize: 2048,
      maxExportBatchSize: 512,
      scheduledDelayMillis: 1000,
      exportTimeoutMillis: 30_000,
    });
  });

  it('appends /v1/logs to OTEL_EXPORTER_OTLP_ENDPOINT and uses the logs endpoint as is', () => {
    const base = resolveLoggerConfig({
      env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318/prefix' },
    });
    expect(base.config.otlp?.endpoint).toBe('https://collector:4318/prefix/v1/logs');
    const logs = resolveLoggerConfig({
      env: {
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318',
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example/ingest',
      },
    });
    expect(logs.config.otlp?.endpoint).toBe('https://logs.example/ingest');
  });

  it('reads the logs protocol over the general one, and merges headers with logs and code headers winning', () => {
    const { config } = resolveLoggerConfig({
      otlp: { headers: { 'x-code': 'c' } },
      env: {
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20a,x-tenant=t1',
        OTEL_EXPORTER_OTLP_LOGS_HEADERS: 'x-tenant=t2',
      },
    });
    expect(config.otlp?.protocol).toBe('http/json');
    expect(config.otlp?.headers).toEqual({ authorization: 'Bearer a', 'x-tenant': 't2', 'x-code': 'c' });
  });

  it('lets code options win over the environment', () => {
    const { config } = resolveLoggerConfig({
      level: 'debug',
      serviceName: 'code',
      otlp: { protocol: 'http/json', endpoint: 'http://127.0.0.1:1/v1/logs', maxQueueSize: 10 },
      env: {
        SIGNALKIT_LOG_LEVEL: 'error',
        OTEL_SERVICE_NAME: 'env',
        OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf',
        OTEL_BLRP_MAX_QUEUE_SIZE: '99',
      },
    });
    expect(config.level).toBe('debug');
    expect(config.record.serviceName).toBe('code');
    expect(config.otlp).toMatchObject({
      protocol: 'http/json',
      endpoint: 'http://127.0.0.1:1/v1/logs',
      maxQueueSize: 10,
      maxExportBatchSize: 10,
    });
  });

  it('keeps OTLP off with otlp: false whatever the environment, and with OTEL_SDK_DISABLED=true', () => {
    expect(
      resolveLoggerConfig({ otlp: false, env: { OTEL_LOGS_EXPORTER: 'otlp' } }).config.otlp,
    ).toBeUndefined();
    expect(
      resolveLoggerConfig({ otlp: true, env: { OTEL_SDK_DISABLED: 'true' } }).config.otlp,
    ).toBeUndefined();
    expect(resolveLoggerConfig({ otlp: true, env: {} }).config.otlp).toBeDefined();
  });

  it('reports an invalid value as one problem naming variable, value and expectation, and turns OTLP off', () => {
    const { config, problems } = resolveLoggerConfig({
      env: { OTEL_LOGS_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    });
    expect(config.otlp).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL="grpc" is invalid: expected one of http/protobuf, http/json; OTLP log export is off',
    ]);
  });

  it('never prints the value of a sensitive variable', () => {
    const { problems } = resolveLoggerConfig({
      env: {
        OTEL_LOGS_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%zzCANARY-HEADER',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://user:CANARY-PASS@host',
      },
    });
    const lines = problems.map(formatProblem).join('\n');
    expect(problems).toHaveLength(2);
    expect(lines).not.toContain('CANARY');
    expect(lines).toContain('OTEL_EXPORTER_OTLP_HEADERS="(hidden: may hold credentials)" is invalid');
  });

  it('falls back to the default on an invalid logger variable', () => {
    const { config, problems } = resolveLoggerConfig({
      env: { SIGNALKIT_LOG_LEVEL: 'loud', SIGNALKIT_SHUTDOWN_TIMEOUT_MILLIS: '-1' },
    });
    expect(config.level).toBe('info');
    expect(config.shutdownTimeoutMillis).toBe(5000);
    expect(problems.map((p) => p.consequence)).toEqual(['using the default', 'using the default']);
  });

  it('does not read the OTLP variables when OTLP is off (no noise for other signals)', () => {
    expect(resolveLoggerConfig({ env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } }).problems).toEqual([]);
  });

  it('throws a SignalkitError with a code for options of the wrong type', () => {
    const bad = [
      { level: 'loud' },
      { serviceName: '' },
      { otlp: { endpoint: 'not a url' } },
      { otlp: { maxQueueSize: 0 } },
      { redactKeys: 'password' },
      { limits: { maxDepth: 0 } },
    ];
    for (const options of bad) {
      expect(() => resolveLoggerConfig({ env: {}, ...(options as object) })).toThrow(SignalkitError);
    }
    try {
      resolveLoggerConfig({ otlp: { headers: { authorization: 1 as unknown as string } } });
    } catch (error) {
      expect((error as SignalkitError).code).toBe('SIGNALKIT_INVALID_OPTION');
      expect(String(error)).not.toContain('authorization');
    }
  });
});

describe('service.name and resource attributes with @signalkit/node running', () => {
  const env = {
    OTEL_SERVICE_NAME: 'from-env',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=env,team=env',
  };
  let handle: ObservabilityHandle | undefined;

  afterEach(async () => {
    await handle?.shutdown();
    handle = undefined;
  });

  function startSdk(): ObservabilityHandle {
    handle = initObservability({
      serviceName: 'from-sdk',
      resourceAttributes: { 'deployment.environment.name': 'sdk' },
      metrics: { enabled: false },
      env: { OTEL_RESOURCE_ATTRIBUTES: 'region=eu' },
    });
    return handle;
  }

  it('takes them from the environment while no SDK runs', () => {
    expect(getObservability()).toBeUndefined();
    const { record } = resolveLoggerConfig({ env }).config;
    expect(record.serviceName).toBe('from-env');
    expect(record.resourceAttributes).toEqual({ 'deployment.environment.name': 'env', team: 'env' });
  });

  it("takes the running SDK's resolved ones over the environment", () => {
    startSdk();
    const { config, problems } = resolveLoggerConfig({ env });
    expect(config.record.serviceName).toBe('from-sdk');
    expect(config.record.resourceAttributes).toEqual({ 'deployment.environment.name': 'sdk', region: 'eu' });
    expect(problems).toEqual([]);
  });

  it('lets options win over the SDK', () => {
    startSdk();
    const { record } = resolveLoggerConfig({
      serviceName: 'from-option',
      resourceAttributes: { region: 'us' },
      env,
    }).config;
    expect(record.serviceName).toBe('from-option');
    expect(record.resourceAttributes).toEqual({ 'deployment.environment.name': 'sdk', region: 'us' });
  });

  it('goes back to the environment once the SDK is shut down', async () => {
    await startSdk().shutdown();
    expect(resolveLoggerConfig({ env }).config.record.serviceName).toBe('from-env');
  });

  it('does not report an invalid identity variable again: the SDK reported it', () => {
    startSdk();
    const { problems } = resolveLoggerConfig({ env: { OTEL_RESOURCE_ATTRIBUTES: 'not pairs' } });
    expect(problems).toEqual([]);
    expect(resolveRecordConfig({ env: { OTEL_RESOURCE_ATTRIBUTES: 'not pairs' } }).config.serviceName).toBe(
      'from-sdk',
    );
  });
});
