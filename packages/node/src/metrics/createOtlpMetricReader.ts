import type { Counter, MeterProvider } from '@opentelemetry/api';
import type { AggregationTemporalityPreference } from '@opentelemetry/exporter-metrics-otlp-http';
import type { Resource } from '@opentelemetry/resources';
import type {
  PeriodicExportingMetricReader,
  PushMetricExporter,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ResolvedOtlpMetrics } from '../config/resolveConfig.js';
import { core, metricExporterJson, metricExporterProto, sdkMetrics } from '../lazyPackages.js';
import { backgroundAgentFactory } from '../otlp/backgroundAgent.js';
import { patchRetryingTransport } from '../otlp/patchRetryingTransport.js';
import { unrefNextTimer } from '../otlp/unrefTimers.js';
import { asMetricProducer, type ProducersFor } from './ScopeProducer.js';
import { TEMPORALITY } from './sdkConstants.js';

function preference(temporality: ResolvedOtlpMetrics['temporality']): AggregationTemporalityPreference {
  const { AggregationTemporalityPreference: Preference } = metricExporterJson();
  if (temporality === 'cumulative') return Preference.CUMULATIVE;
  return temporality === 'delta' ? Preference.DELTA : Preference.LOWMEMORY;
}

/** The semantic-conventions self-metric of exporters: data points handed to the exporter, by outcome. */
const EXPORTED = 'otel.sdk.exporter.metric_data_point.exported';

function dataPoints(metrics: ResourceMetrics): number {
  let n = 0;
  for (const scope of metrics.scopeMetrics) for (const metric of scope.metrics) n += metric.dataPoints.length;
  return n;
}

/**
 * Counts what the exporter did with each push on the MeterProvider it exports (which exists only after
 * the reader is built, hence the lazy counter), so a failing endpoint shows on /metrics and in the push.
 */
function counted(
  exporter: PushMetricExporter,
  meterProvider: () => MeterProvider | undefined,
): PushMetricExporter {
  const { ExportResultCode } = core();
  let counter: Counter | undefined;
  const count = (n: number, errorType?: string) => {
    counter ??= meterProvider()?.getMeter('@signalkit/node').createCounter(EXPORTED, {
      unit: '{data_point}',
      description: 'Metric data points exported, by outcome.',
    });
    counter?.add(n, errorType === undefined ? {} : { 'error.type': errorType });
  };
  return {
    export(metrics, resultCallback) {
      exporter.export(metrics, (result) => {
        count(
          dataPoints(metrics),
          result.code === ExportResultCode.SUCCESS ? undefined : (result.error?.name ?? 'export_failed'),
        );
        resultCallback(result);
      });
      // The reader arms its push timeout right after this returns (a ref'd timer in upstream): unref'd, a
      // push hanging at a blackholed collector does not keep a finished process alive.
      unrefNextTimer();
    },
    forceFlush: () => exporter.forceFlush(),
    shutdown: () => exporter.shutdown(),
    ...(exporter.selectAggregationTemporality === undefined
      ? {}
      : { selectAggregationTemporality: exporter.selectAggregationTemporality.bind(exporter) }),
    ...(exporter.selectAggregation === undefined
      ? {}
      : { selectAggregation: exporter.selectAggregation.bind(exporter) }),
  };
}

/**
 * The push path: the same producers as the Prometheus endpoint (golden signals, runtime, config info: same
 * names, units, attributes and bucket bounds), exported periodically over OTLP/HTTP (protobuf by default).
 * Their histograms follow the temporality preference (delta for `delta` and `lowmemory`, as synchronous
 * histograms do in the spec); the SDK instruments follow the exporter's selector.
 */
export function createOtlpMetricReader(
  settings: ResolvedOtlpMetrics,
  producersFor: ProducersFor,
  resource: Resource,
  meterProvider: () => MeterProvider | undefined,
): PeriodicExportingMetricReader {
  const options = {
    url: settings.exporter.url,
    headers: { ...settings.exporter.headers },
    timeoutMillis: settings.exporter.timeoutMillis,
    compression: settings.exporter.compression,
    temporalityPreference: preference(settings.temporality),
    concurrencyLimit: 1,
    httpAgentOptions: backgroundAgentFactory(),
  };
  type Config = ConstructorParameters<ReturnType<typeof metricExporterProto>['OTLPMetricExporter']>[0];
  const { OTLPMetricExporter } =
    settings.exporter.protocol === 'http/json' ? metricExporterJson() : metricExporterProto();
  const exporter = new OTLPMetricExporter(options as Config);
  patchRetryingTransport(exporter);
  // The preference applied to signalkit's own series as the SDK applies it to instruments: histograms
  // are delta under `delta` and `lowmemory`, asynchronous counters (CPU time) under `delta` only.
  const histograms = settings.temporality === 'cumulative' ? TEMPORALITY.CUMULATIVE : TEMPORALITY.DELTA;
  const counters = settings.temporality === 'delta' ? TEMPORALITY.DELTA : TEMPORALITY.CUMULATIVE;
  const producers = producersFor({ histograms, counters });
  return new (sdkMetrics().PeriodicExportingMetricReader)({
    exporter: counted(exporter, meterProvider),
    exportIntervalMillis: settings.intervalMillis,
    exportTimeoutMillis: Math.min(settings.timeoutMillis, settings.intervalMillis),
    metricProducers: producers.map((producer) => asMetricProducer(producer, resource)),
  });
}
