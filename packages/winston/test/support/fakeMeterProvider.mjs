// A MeterProvider that supports observable counters only and collects them on demand, as a reader would.
// JavaScript with a declaration file, so the unit tests in src/ can use it under the package's rootDir.
import { createNoopMeter } from '@opentelemetry/api';

export class FakeMeterProvider {
  callbacks = new Map();

  getMeter() {
    const meter = Object.create(createNoopMeter());
    meter.createObservableCounter = (name) => {
      const set = this.callbacks.get(name) ?? new Set();
      this.callbacks.set(name, set);
      return {
        addCallback: (cb) => void set.add(cb),
        removeCallback: (cb) => void set.delete(cb),
      };
    };
    return meter;
  }

  collect() {
    const out = [];
    for (const [name, set] of this.callbacks) {
      for (const cb of set)
        cb({ observe: (value, attributes = {}) => void out.push({ name, value, attributes }) });
    }
    return out;
  }

  value(name, match = {}) {
    return this.collect()
      .filter((o) => o.name === name && Object.entries(match).every(([k, v]) => o.attributes[k] === v))
      .reduce((sum, o) => sum + o.value, 0);
  }
}
