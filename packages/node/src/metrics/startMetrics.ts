import { metrics } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import { MeterProvider, type MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { fetchIntegration } from '../http/fetchIntegration.js';
import { httpClientIntegration } from '../http/httpClientIntegration.js';
import { httpServerIntegration } from '../http/httpServerIntegration.js';
import type { Integration } from '../integration.js';
import { PrometheusEndpoint } from '../prometheus/PrometheusEndpoint.js';
import { frameworkRoutes } from '../routes/frameworkRoutes.js';
import { runtimeMetrics } from '../runtime/runtimeMetrics.js';
import { configInfoMetric } from './configInfo.js';
import { createOtlpMetricReader } from './createOtlpMetricReader.js';
import { GoldenSignalRecorder } from './GoldenSignalRecorder.js';
import { goldenSignalProducer } from './goldenSignalProducer.js';
import { SCOPE } from './scope.js';

export interface MetricsPipeline {
  readonly meterProvider: MeterProvider;
  readonly endpoint: PrometheusEndpoint | undefined;
  readonly integrations: readonly Integration[];
  /** Resolves when the endpoint listens or failed to. */
  readonly ready: Promise<void>;
}

/**
 * Wires the metrics signal: the golden-signal recorder fed by the HTTP integrations, the runtime
 * saturation instruments, one MeterProvider (also set as the global one, so app instruments and
 * @signalkit/winston's log counter land on the same endpoint) and its readers.
 */
export function startMetrics(
  config: ResolvedConfig,
  resource: Resource,
  diagnostics: Diagnostics,
): MetricsPipeline {
  const recorder = new GoldenSignalRecorder(config.metrics.cardinalityLimit);
  const producer = goldenSignalProducer(recorder, resource);
  const readers: MetricReader[] = [];
  const endpoint =
    config.metrics.prometheus === undefined
      ? undefined
      : new PrometheusEndpoint(
          config.metrics.prometheus,
          diagnostics,
          [producer],
          config.metrics.cardinalityLimit,
        );
  if (endpoint !== undefined) readers.push(endpoint);

  // The push path counts its outcomes on this provider, which exists only once its readers do.
  let provider: MeterProvider | undefined;
  if (config.metrics.otlp !== undefined) {
    readers.push(createOtlpMetricReader(config.metrics.otlp, recorder, resource, () => provider));
  }

  const meterProvider = new MeterProvider({ resource, readers });
  provider = meterProvider;
  if (!metrics.setGlobalMeterProvider(meterProvider)) {
    diagnostics.warn(
      'global-meter',
      'another global MeterProvider is already set; app instruments will not appear',
    );
  }
  const meter = meterProvider.getMeter(SCOPE.name, SCOPE.version);

  const integrations: Integration[] = [
    frameworkRoutes(diagnostics),
    httpServerIntegration(recorder, (server) => endpoint?.isOwnServer(server) === true),
  ];
  if (config.metrics.httpClient)
    integrations.push(httpClientIntegration(recorder), fetchIntegration(recorder));
  if (config.metrics.runtime) integrations.push(runtimeMetrics(meter));
  integrations.push(configInfoMetric(meter, config));
  const started: Integration[] = [];
  for (const integration of integrations) {
    try {
      integration.start();
      started.push(integration);
    } catch (error) {
      diagnostics.error(`start:${integration.name}`, `${integration.name} could not start: ${String(error)}`);
    }
  }

  const ready = endpoint === undefined ? Promise.resolve() : endpoint.listen().then(() => undefined);
  return { meterProvider, endpoint, integrations: started, ready };
}
