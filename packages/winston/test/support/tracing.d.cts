import type { Context, ContextManager, Span } from '@opentelemetry/api';

/** An AsyncLocalStorage context manager, as the SDK's, for tests and scenario apps. */
export declare class AlsContextManager implements ContextManager {
  active(): Context;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F>;
  bind<T>(context: Context, target: T): T;
  enable(): this;
  disable(): this;
}

/** Runs `fn` inside a span: the real global tracer or a hand-made span context (see tracing.cjs). */
export declare function installTracing(): <T>(name: string, fn: (span: Span) => T) => T;
