import { type Attributes, metrics } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { fetchIntegration } from '../http/fetchIntegration.js';
import { httpClientIntegration } from '../http/httpClientIntegration.js';
import { httpServerIntegration } from '../http/httpServerIntegration.js';
import type { Integration } from '../integration.js';
import { sdkMetrics } from '../lazyPackages.js';
import { configInfoProducer } from '../metrics/configInfo.js';
import { createOtlpMetricReader } from '../metrics/createOtlpMetricReader.js';
import { createPullReader } from '../metrics/createPullReader.js';
import { DeferredMeterProvider } from '../metrics/DeferredMeterProvider.js';
import { GoldenSignalRecorder } from '../metrics/GoldenSignalRecorder.js';
import { goldenSignalProducer } from '../metrics/goldenSignalProducer.js';
import type { ProducersFor } from '../metrics/ScopeProducer.js';
import { PrometheusEndpoint } from '../prometheus/PrometheusEndpoint.js';
import { createResource } from '../resource/createResource.js';
import { runtimeMetrics } from '../runtime/runtimeMetrics.js';

export interface MetricsPipeline {
  /** The global MeterProvider (the SDK's, built on first use). */
  readonly meterProvider: DeferredMeterProvider;
  readonly endpoint: PrometheusEndpoint | undefined;
  readonly integrations: readonly Integration[];
  /** Resolves when the endpoint listens or failed to. */
  readonly ready: Promise<void>;
  forceFlush(options: { timeoutMillis: number }): Promise<void>;
  shutdown(options: { timeoutMillis: number }): Promise<void>;
}

/**
 * Wires the metrics signal: the golden-signal recorder fed by the HTTP integrations, the runtime
 * saturation figures, the Prometheus endpoint serving both, and one MeterProvider, set as the global
 * one so that app instruments and @signalkit/winston's log counter land on the same endpoint. The SDK's
 * provider is built when first used (`onSdkLoad` runs then), or at once for an OTLP push.
 */
export function startMetricsPipeline(
  config: ResolvedConfig,
  resourceAttributes: Attributes,
  diagnostics: Diagnostics,
  onSdkLoad: () => void,
): MetricsPipeline {
  const recorder = new GoldenSignalRecorder(config.metrics.cardinalityLimit);
  const runtime = config.metrics.runtime ? runtimeMetrics() : undefined;
  const configInfo = configInfoProducer(config);
  const endpoint =
    config.metrics.prometheus === undefined
      ? undefined
      : new PrometheusEndpoint(
          config.metrics.prometheus,
          diagnostics,
          [
            goldenSignalProducer(recorder),
            ...(runtime === undefined ? [] : [runtime.producer()]),
            configInfo,
          ],
          resourceAttributes,
        );

  const meterProvider: DeferredMeterProvider = new DeferredMeterProvider(() => {
    onSdkLoad();
    const resource = createResource(resourceAttributes);
    const readers = [];
    if (endpoint !== undefined) {
      const reader = createPullReader(config.metrics.cardinalityLimit);
      endpoint.attachSdkReader(reader);
      readers.push(reader);
    }
    if (config.metrics.otlp !== undefined) {
      // The push gets producers of its own (a delta reader keeps what it handed out last), over the same
      // recorder and runtime monitor; it counts its outcomes on this provider, which exists once its readers do.
      const producersFor: ProducersFor = (temporality) => [
        goldenSignalProducer(recorder, temporality.histograms),
        ...(runtime === undefined ? [] : [runtime.producer(temporality)]),
        configInfo,
      ];
      readers.push(createOtlpMetricReader(config.metrics.otlp, producersFor, resource, () => meterProvider));
    }
    return new (sdkMetrics().MeterProvider)({ resource, readers });
  }, diagnostics);
  endpoint?.onCollect(() => meterProvider.materializeIfWaited());
  // A push runs from the start; without one, the SDK waits for a first instrument.
  if (config.metrics.otlp !== undefined) meterProvider.materialize();
  if (!metrics.setGlobalMeterProvider(meterProvider)) {
    diagnostics.warn(
      'global-meter',
      'another global MeterProvider is already set; app instruments will not appear',
    );
  }

  // Route capture is not here: server spans need it too, so startPipelines starts it when either signal runs.
  const integrations: Integration[] = [
    httpServerIntegration(recorder, (server) => endpoint?.isOwnServer(server) === true),
  ];
  if (config.metrics.httpClient)
    integrations.push(httpClientIntegration(recorder), fetchIntegration(recorder));
  if (runtime !== undefined) integrations.push(runtime);
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
  return {
    meterProvider,
    endpoint,
    integrations: started,
    ready,
    forceFlush: (options) => meterProvider.forceFlush(options),
    async shutdown(options) {
      await Promise.all([meterProvider.shutdown(options), endpoint?.shutdown()]);
    },
  };
}
