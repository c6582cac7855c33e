import type { MetricReader } from '@opentelemetry/sdk-metrics';
import { sdkMetrics } from '../lazyPackages.js';

/**
 * A reader that only collects when asked: the Prometheus endpoint reads the SDK's instruments (app
 * meters, log counters, self-metrics) through it on each scrape. Series past `cardinalityLimit` per
 * instrument go to the SDK's overflow series, like the golden signals.
 */
export function createPullReader(cardinalityLimit: number): MetricReader {
  const { MetricReader: Base } = sdkMetrics();
  class PullReader extends Base {
    protected override async onForceFlush(): Promise<void> {
      // Pull: nothing is buffered.
    }
    protected override async onShutdown(): Promise<void> {
      // The endpoint owns the server.
    }
  }
  return new PullReader({ cardinalitySelector: () => cardinalityLimit });
}
