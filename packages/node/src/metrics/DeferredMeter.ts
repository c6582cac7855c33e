import type {
  BatchObservableCallback,
  Counter,
  Gauge,
  Histogram,
  Meter,
  MetricOptions,
  Observable,
  ObservableCounter,
  ObservableGauge,
  ObservableUpDownCounter,
  UpDownCounter,
} from '@opentelemetry/api';

/** Calls made before the SDK meter exists, at most this many (then dropped); it exists within a second. */
const MAX_QUEUED = 10_000;

type Instrument = Counter & Gauge & Histogram & ObservableGauge;

/**
 * A meter whose instruments work before the SDK's meter exists: what is created, recorded and registered
 * is queued, in order, and replayed on {@link DeferredMeter.bind}; afterwards every call goes straight to
 * the SDK's instrument. The global MeterProvider hands these out until the SDK is built, so that what
 * only creates instruments at startup (instrumentations, the tracing pipeline's self-metrics) does not
 * load the metrics SDK on the way to the app's first response.
 */
export class DeferredMeter implements Meter {
  private real: Meter | undefined;
  private queued: ((meter: Meter) => void)[] = [];
  private readonly wrappers = new WeakMap<BatchObservableCallback, BatchObservableCallback>();
  private readonly onRecord: (() => void) | undefined;

  /**
   * @param onRecord called on the first `add()` or `record()` while unbound; when it binds the meter
   *   (builds the SDK), the value is recorded directly instead of queued. Without it, values are queued.
   */
  constructor(onRecord?: () => void) {
    this.onRecord = onRecord;
  }

  /** Binds to the SDK's meter, replaying what was done so far. */
  bind(meter: Meter): void {
    if (this.real !== undefined) return;
    this.real = meter;
    const queued = this.queued;
    this.queued = [];
    for (const call of queued) call(meter);
  }

  private run(call: (meter: Meter) => void): void {
    if (this.real !== undefined) call(this.real);
    else if (this.queued.length < MAX_QUEUED) this.queued.push(call);
  }

  private instrument(create: (meter: Meter) => unknown): Instrument {
    let target: Instrument | undefined;
    const forward =
      (method: keyof Instrument, records: boolean) =>
      (...args: unknown[]): void => {
        if (target === undefined && records) this.onRecord?.();
        if (target !== undefined) (target[method] as (...a: unknown[]) => void)(...args);
        else this.run(() => (target?.[method] as ((...a: unknown[]) => void) | undefined)?.(...args));
      };
    const proxy = {
      add: forward('add', true),
      record: forward('record', true),
      addCallback: forward('addCallback', false),
      removeCallback: forward('removeCallback', false),
      target: () => target,
    };
    this.run((meter) => {
      target = create(meter) as Instrument;
    });
    return proxy as unknown as Instrument;
  }

  createCounter(name: string, options?: MetricOptions): Counter {
    return this.instrument((m) => m.createCounter(name, options));
  }
  createUpDownCounter(name: string, options?: MetricOptions): UpDownCounter {
    return this.instrument((m) => m.createUpDownCounter(name, options));
  }
  createHistogram(name: string, options?: MetricOptions): Histogram {
    return this.instrument((m) => m.createHistogram(name, options));
  }
  createGauge(name: string, options?: MetricOptions): Gauge {
    return this.instrument((m) => m.createGauge(name, options));
  }
  createObservableGauge(name: string, options?: MetricOptions): ObservableGauge {
    return this.instrument((m) => m.createObservableGauge(name, options));
  }
  createObservableCounter(name: string, options?: MetricOptions): ObservableCounter {
    return this.instrument((m) => m.createObservableCounter(name, options));
  }
  createObservableUpDownCounter(name: string, options?: MetricOptions): ObservableUpDownCounter {
    return this.instrument((m) => m.createObservableUpDownCounter(name, options));
  }
  addBatchObservableCallback(callback: BatchObservableCallback, observables: Observable[]): void {
    this.run((m) => m.addBatchObservableCallback(this.translated(callback), observables.map(realObservable)));
  }
  removeBatchObservableCallback(callback: BatchObservableCallback, observables: Observable[]): void {
    this.run((m) =>
      m.removeBatchObservableCallback(this.translated(callback), observables.map(realObservable)),
    );
  }

  /** The callback as the SDK must see it: observing the SDK's observables, not the deferred ones it holds. */
  private translated(callback: BatchObservableCallback): BatchObservableCallback {
    let wrapper = this.wrappers.get(callback);
    if (wrapper === undefined) {
      wrapper = (result) =>
        callback({
          observe: (observable, value, attributes) =>
            result.observe(realObservable(observable), value, attributes),
        });
      this.wrappers.set(callback, wrapper);
    }
    return wrapper;
  }
}

/** The SDK's observable behind a deferred one (the same object when it is not deferred). */
function realObservable(observable: Observable): Observable {
  const target = (observable as { target?: () => Observable | undefined }).target?.();
  return target ?? observable;
}
