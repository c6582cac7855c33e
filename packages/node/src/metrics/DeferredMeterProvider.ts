import { createNoopMeter, type Meter, type MeterOptions, type MeterProvider } from '@opentelemetry/api';
import type { MeterProvider as SdkMeterProvider } from '@opentelemetry/sdk-metrics';
import type { Diagnostics } from '../diagnostics/diagnostics.js';

/**
 * The global MeterProvider signalkit sets: the SDK's MeterProvider, built on the first `getMeter()` (an
 * app instrument, @signalkit/winston's log counter, the tracing self-metrics) or when a reader needs it
 * from the start (an OTLP push). Until then nothing of the SDK is loaded: signalkit's own metrics are
 * produced without it. Never throws to the caller: if the SDK cannot be built, one diagnostic line and
 * no-op meters.
 */
export class DeferredMeterProvider implements MeterProvider {
  private sdk: SdkMeterProvider | undefined;
  private failed = false;
  private readonly create: () => SdkMeterProvider;
  private readonly diagnostics: Diagnostics;

  constructor(create: () => SdkMeterProvider, diagnostics: Diagnostics) {
    this.create = create;
    this.diagnostics = diagnostics;
  }

  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    return this.materialize()?.getMeter(name, version, options) ?? createNoopMeter();
  }

  /** The SDK's provider, built now if it was not yet; `undefined` when it could not be. */
  materialize(): SdkMeterProvider | undefined {
    if (this.sdk !== undefined || this.failed) return this.sdk;
    try {
      this.sdk = this.create();
    } catch (error) {
      this.failed = true;
      this.diagnostics.error(
        'start:meter-provider',
        `the metrics SDK could not start: ${String(error)}; app instruments record nothing, signalkit's own metrics are served`,
      );
    }
    return this.sdk;
  }

  /** True once the SDK's provider exists. */
  get built(): boolean {
    return this.sdk !== undefined;
  }

  async forceFlush(options?: { timeoutMillis?: number }): Promise<void> {
    await this.sdk?.forceFlush(options);
  }

  async shutdown(options?: { timeoutMillis?: number }): Promise<void> {
    await this.sdk?.shutdown(options);
  }
}
