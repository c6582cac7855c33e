import {
  type Attributes,
  type Counter,
  createNoopMeter,
  type Meter,
  type MeterProvider,
  type MetricOptions,
} from '@opentelemetry/api';
import type { DeferredCounters } from './DeferredCounters.js';

/**
 * A MeterProvider for the OpenTelemetry logs SDK's own metrics (`selfObsMeterProvider` of the batch
 * processor and the OTLP exporter). Their counters are fed into the deferred store, so they reach the
 * global MeterProvider whenever it is set, like `log.records`:
 * - `otel.sdk.processor.log.processed` counts records that left the queue; `error.type="queue_full"` are
 *   the records dropped because the queue was full;
 * - `otel.sdk.exporter.log.exported` counts exported records; with `error.type` those that failed.
 * The SDK's other instruments (gauges, histograms, up-down counters) are left out: they are no-ops here.
 */
export function selfObservabilityMeterProvider(store: DeferredCounters): MeterProvider {
  const noop = createNoopMeter();
  const meter: Meter = Object.create(noop);
  meter.createCounter = (name: string, options?: MetricOptions): Counter => {
    const spec = {
      name,
      unit: options?.unit ?? '',
      kind: 'counter' as const,
      description: options?.description ?? '',
    };
    return {
      add(value: number, attributes?: Attributes) {
        const attrs = attributes ?? {};
        store.add(spec, value, attributesKey(attrs), () => ({ ...attrs }));
      },
    };
  };
  return { getMeter: () => meter };
}

function attributesKey(attributes: Attributes): string {
  return Object.keys(attributes)
    .sort()
    .map((k) => `${k}=${String(attributes[k])}`)
    .join('\u0000');
}
