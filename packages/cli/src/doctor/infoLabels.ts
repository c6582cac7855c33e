import type { Scrape } from '../prometheus/scrapeEndpoint.js';

/**
 * The labels of an info metric (`target_info`, `signalkit_config_info`): the first sample of that name,
 * or undefined when the endpoint has none.
 */
export function infoLabels(scrape: Scrape, name: string): Readonly<Record<string, string>> | undefined {
  return scrape.metrics.samples.find((sample) => sample.name === name)?.labels;
}
