// How scenario apps put a request inside a span. By default a test context manager (AsyncLocalStorage,
// like the SDK's) and hand-made span contexts, so the logs are tested with or without @signalkit/node;
// with SIGNALKIT_TEST_REAL_TRACER=1 (the app started with the tracing preload, OTEL_TRACES_EXPORTER=otlp)
// the global tracer makes real spans instead, and nothing else in the apps or tests changes.
const { AsyncLocalStorage } = require('node:async_hooks');
const { randomBytes } = require('node:crypto');
const { ROOT_CONTEXT, context, trace } = require('@opentelemetry/api');

class AlsContextManager {
  constructor() {
    this.storage = new AsyncLocalStorage();
  }
  active() {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with(ctx, fn, thisArg, ...args) {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }
  bind(ctx, target) {
    if (typeof target !== 'function') return target;
    const manager = this;
    return function bound(...args) {
      return manager.with(ctx, () => target.apply(this, args));
    };
  }
  enable() {
    return this;
  }
  disable() {
    this.storage.disable();
    return this;
  }
}

function installTracing() {
  if (process.env.SIGNALKIT_TEST_REAL_TRACER === '1') {
    const tracer = trace.getTracer('scenario');
    return (name, fn) =>
      tracer.startActiveSpan(name, (span) => Promise.resolve(fn(span)).finally(() => span.end()));
  }
  // false when a context manager is already registered (signalkit's own, once tracing lands): then it is used.
  context.setGlobalContextManager(new AlsContextManager());
  return (_name, fn) => {
    const span = trace.wrapSpanContext({
      traceId: randomBytes(16).toString('hex'),
      spanId: randomBytes(8).toString('hex'),
      traceFlags: 1,
    });
    return context.with(trace.setSpan(context.active(), span), () => fn(span));
  };
}

module.exports = { installTracing, AlsContextManager };
