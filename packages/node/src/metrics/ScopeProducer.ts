import type { Resource } from '@opentelemetry/resources';
import type { MetricProducer, ScopeMetrics } from '@opentelemetry/sdk-metrics';

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
