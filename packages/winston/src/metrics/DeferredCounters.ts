import {
  type Attributes,
  type MeterProvider,
  metrics,
  type ObservableCounter,
  type ObservableResult,
} from '@opentelemetry/api';
import { ATTR, type MetricSpec } from '@signalkit/node/internal';
import { VERSION } from '../version.js';

/** The instrumentation scope of the package's meter. */
const METER_SCOPE = '@signalkit/winston';
/** A counter of the metric contract (`METRICS` of @signalkit/node). */
type CounterSpec = MetricSpec & { readonly kind: 'counter' };
/** Series kept per counter; the rest are summed into one `otel.metric.overflow=true` series. */
const MAX_SERIES = 64;
const OVERFLOW = '\u0000overflow';

interface Series {
  readonly attributes: Attributes;
  value: number;
}

interface Counter {
  readonly spec: CounterSpec;
  readonly series: Map<string, Series>;
  registration?:
    | { readonly instrument: ObservableCounter; readonly callback: (r: ObservableResult) => void }
    | undefined;
}

/**
 * Monotonic counts kept in the process and reported, at collection time, as observable counters on
 * whatever global MeterProvider is set *now*. The provider is looked up again on every `add`, so a
 * MeterProvider set after the logger was created (initObservability() later in the entry file) still
 * gets every count, those made before it included: the totals live here, not in the provider.
 * Recording is one map lookup and an addition; no attribute object is built per record.
 */
export class DeferredCounters {
  private readonly counters = new Map<string, Counter>();
  private provider: MeterProvider | undefined;

  add(spec: CounterSpec, value: number, key: string, attributes: () => Attributes): void {
    let counter = this.counters.get(spec.name);
    if (counter === undefined) {
      counter = { spec, series: new Map() };
      this.counters.set(spec.name, counter);
      this.register(counter);
    }
    let series = counter.series.get(key);
    if (series === undefined) {
      if (counter.series.size < MAX_SERIES) {
        series = { attributes: attributes(), value: 0 };
        counter.series.set(key, series);
      } else {
        series = counter.series.get(OVERFLOW);
        if (series === undefined) {
          series = { attributes: { [ATTR.overflow]: true }, value: 0 };
          counter.series.set(OVERFLOW, series);
        }
      }
    }
    series.value += value;
    this.sync();
  }

  /** The current total of one series (tests and diagnostics). */
  total(name: string, key: string): number {
    return this.counters.get(name)?.series.get(key)?.value ?? 0;
  }

  /** Re-registers every counter when the global MeterProvider changed since the last call. */
  sync(): void {
    let current: MeterProvider;
    try {
      current = metrics.getMeterProvider();
    } catch {
      return;
    }
    if (current === this.provider) return;
    this.provider = current;
    for (const counter of this.counters.values()) this.register(counter);
  }

  private register(counter: Counter): void {
    const old = counter.registration;
    if (old !== undefined) {
      try {
        old.instrument.removeCallback(old.callback);
      } catch {
        // The old provider may be shut down: nothing to remove from.
      }
      counter.registration = undefined;
    }
    const provider = this.provider;
    if (provider === undefined) return;
    try {
      const instrument = provider.getMeter(METER_SCOPE, VERSION).createObservableCounter(counter.spec.name, {
        unit: counter.spec.unit,
        description: counter.spec.description,
      });
      const callback = (result: ObservableResult) => {
        for (const series of counter.series.values()) result.observe(series.value, series.attributes);
      };
      instrument.addCallback(callback);
      counter.registration = { instrument, callback };
    } catch {
      // A provider that cannot create instruments: the counts stay here for the next one.
    }
  }
}

const GLOBAL = Symbol.for('signalkit.winston.counters.v1');
type WithCounters = typeof globalThis & { [GLOBAL]?: DeferredCounters };

/** The process's one store, shared by every logger and by the CommonJS and ESM builds of the package. */
export function deferredCounters(): DeferredCounters {
  const g = globalThis as WithCounters;
  g[GLOBAL] ??= new DeferredCounters();
  return g[GLOBAL];
}
