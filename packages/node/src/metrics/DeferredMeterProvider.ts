import { createNoopMeter, type Meter, type MeterOptions, type MeterProvider } from '@opentelemetry/api';
import type { MeterProvider as SdkMeterProvider } from '@opentelemetry/sdk-metrics';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { DeferredMeter } from './DeferredMeter.js';

/** How long deferred meters wait for the SDK when nothing else builds it first (a scrape, a recorded value). */
const DEFERRED_BUILD_MILLIS = 1000;

/**
 * The global MeterProvider signalkit sets: the SDK's MeterProvider, built when first needed: a value
 * recorded on an instrument (an app's, @signalkit/winston's log counter), a scrape or a second after the
 * first meter was asked for, or at once for an OTLP push. Until then nothing of the SDK is loaded:
 * signalkit's own metrics are produced without it, and meters handed out meanwhile are deferred. Never
 * throws to the caller: if the SDK cannot be built, one diagnostic line and no-op meters.
 */
export class DeferredMeterProvider implements MeterProvider {
  private sdk: SdkMeterProvider | undefined;
  private failed = false;
  private readonly create: () => SdkMeterProvider;
  private readonly diagnostics: Diagnostics;
  private deferred: { meter: DeferredMeter; name: string; version?: string; options?: MeterOptions }[] = [];

  constructor(create: () => SdkMeterProvider, diagnostics: Diagnostics) {
    this.create = create;
    this.diagnostics = diagnostics;
  }

  /**
   * The SDK's meter once built; before that a {@link DeferredMeter} whose first recorded value builds the
   * SDK (instruments created at startup and not used yet cost nothing).
   */
  getMeter(name: string, version?: string, options?: MeterOptions): Meter {
    if (this.sdk !== undefined || this.failed)
      return this.sdk?.getMeter(name, version, options) ?? createNoopMeter();
    return this.defer(name, version, options, () => this.materialize());
  }

  /**
   * A meter that works at once and reaches the SDK's provider when it is built: on the first value
   * recorded on an app's meter, a scrape of the endpoint, or a second from now (an unref'd timer),
   * whichever comes first; its own values never build it. For
   * signalkit's own self-metrics, so that their SDK is not loaded on the way to the app's first response.
   */
  deferredMeter(name: string, version?: string, options?: MeterOptions): Meter {
    if (this.sdk !== undefined || this.failed) return this.getMeter(name, version, options);
    return this.defer(name, version, options, undefined);
  }

  private defer(
    name: string,
    version: string | undefined,
    options: MeterOptions | undefined,
    onRecord: (() => void) | undefined,
  ): Meter {
    const meter = new DeferredMeter(onRecord);
    if (this.deferred.length === 0) setTimeout(() => this.materialize(), DEFERRED_BUILD_MILLIS).unref();
    this.deferred.push({
      meter,
      name,
      ...(version === undefined ? {} : { version }),
      ...(options === undefined ? {} : { options }),
    });
    return meter;
  }

  /** Builds the SDK's provider when deferred meters wait for it (before a scrape reads it). */
  materializeIfWaited(): void {
    if (this.deferred.length > 0) this.materialize();
  }

  /** The SDK's provider, built now if it was not yet; `undefined` when it could not be. */
  materialize(): SdkMeterProvider | undefined {
    if (this.sdk !== undefined || this.failed) return this.sdk;
    try {
      this.sdk = this.create();
      const waiting = this.deferred;
      this.deferred = [];
      for (const { meter, name, version, options } of waiting)
        meter.bind(this.sdk.getMeter(name, version, options));
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
