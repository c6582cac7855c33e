import type { MeterProvider } from '@opentelemetry/api';
import type { ResolvedConfig } from './config/resolveConfig.js';
import type { Health } from './health.js';

export interface FlushOptions {
  /** Upper bound in milliseconds; default the configured `shutdownTimeoutMillis`. */
  timeoutMillis?: number;
}

/** What {@link initObservability} returns. Every method is safe to call any number of times. */
export interface ObservabilityHandle {
  /** The resolved configuration (options > environment > defaults), frozen. */
  readonly config: ResolvedConfig;
  /** The meter provider serving the golden signals; add your own instruments through it. */
  readonly meterProvider: MeterProvider | undefined;
  /** Resolves once the metrics endpoint listens, or failed to; never rejects. */
  readonly ready: Promise<void>;
  /** What runs and what failed. */
  health(): Health;
  /** Pushes pending telemetry; bounded by the timeout; never rejects. */
  forceFlush(options?: FlushOptions): Promise<void>;
  /** Stops everything and flushes once; bounded by the timeout; never rejects. Later calls share the first. */
  shutdown(options?: FlushOptions): Promise<void>;
}
