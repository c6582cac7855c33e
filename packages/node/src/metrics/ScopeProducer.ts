import type { Resource } from '@opentelemetry/resources';
import type { AggregationTemporality, MetricProducer, ScopeMetrics } from '@opentelemetry/sdk-metrics';

/**
 * Metrics signalkit records itself (golden signals, runtime saturation), handed out in the SDK's data
 * model at collection time. Synchronous and SDK-free: the Prometheus endpoint serves them without the
 * SDK loaded. One producer per reader, because a delta reader's producer keeps what it handed out last.
 */
export interface ScopeProducer {
  collect(): ScopeMetrics;
}

/** The producer as the SDK's `MetricProducer`, for an SDK reader (the OTLP push). */
export function asMetricProducer(producer: ScopeProducer, resource: Resource): MetricProducer {
  return {
    collect: async () => ({
      resourceMetrics: { resource, scopeMetrics: [producer.collect()] },
      errors: [],
    }),
  };
}

/** How a reader wants a producer's counters and histograms (the SDK's temporality preference applied). */
export interface ReaderTemporality {
  readonly histograms: AggregationTemporality;
  readonly counters: AggregationTemporality;
}

/** Makes one reader's producers: each reader gets its own, in the temporality it wants. */
export type ProducersFor = (temporality: ReaderTemporality) => ScopeProducer[];
