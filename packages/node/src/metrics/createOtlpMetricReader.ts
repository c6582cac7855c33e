import type { Counter, MeterProvider } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import {
  AggregationTemporalityPreference,
  OTLPMetricExporter as OTLPMetricExporterJson,
} from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OTLPMetricExporterProto } from '@opentelemetry/exporter-metrics-otlp-proto';
import type { Resource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ResolvedOtlpMetrics } from '../config/resolveConfig.js';
import { backgroundAgentFactory } from '../otlp/backgroundAgent.js';
import { patchRetryingTransport } from '../otlp/patchRetryingTransport.js';
import { unrefNextTimer } from '../otlp/unrefTimers.js';
import type { GoldenSignalRecorder } from './GoldenSignalRecorder.js';
import { goldenSignalProducer } from './goldenSignalProducer.js';

const PREFERENCE: Record<ResolvedOtlpMetrics['temporality'], AggregationTemporalityPreference> = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
};

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
 * The push path: the same golden-signal and runtime metrics, same names, units, attributes and bucket
 * bounds as the Prometheus endpoint, exported periodically over OTLP/HTTP (protobuf by default). The
 * golden-signal histograms follow the temporality preference (delta for `delta` and `lowmemory`, as
 * synchronous histograms do in the spec); the SDK instruments follow the exporter's selector.
 */
export function createOtlpMetricReader(
  settings: ResolvedOtlpMetrics,
  recorder: GoldenSignalRecorder,
  resource: Resource,
  meterProvider: () => MeterProvider | undefined,
): PeriodicExportingMetricReader {
  const options = {
    url: settings.exporter.url,
    headers: { ...settings.exporter.headers },
    timeoutMillis: settings.exporter.timeoutMillis,
    compression: settings.exporter.compression,
    temporalityPreference: PREFERENCE[settings.temporality],
    concurrencyLimit: 1,
    httpAgentOptions: backgroundAgentFactory(),
  };
  const exporter =
    settings.exporter.protocol === 'http/json'
      ? new OTLPMetricExporterJson(options as ConstructorParameters<typeof OTLPMetricExporterJson>[0])
      : new OTLPMetricExporterProto(options as ConstructorParameters<typeof OTLPMetricExporterProto>[0]);
  patchRetryingTransport(exporter);
  const histogramTemporality =
    settings.temporality === 'cumulative' ? AggregationTemporality.CUMULATIVE : AggregationTemporality.DELTA;
  return new PeriodicExportingMetricReader({
    exporter: counted(exporter, meterProvider),
    exportIntervalMillis: settings.intervalMillis,
    exportTimeoutMillis: Math.min(settings.timeoutMillis, settings.intervalMillis),
    metricProducers: [goldenSignalProducer(recorder, resource, histogramTemporality)],
  });
}
