import type { TopSnapshot } from './snapshot.js';

/** Names the shape of `signalkit top --json`, so consumers can tell when it changes. */
export const TOP_JSON_SCHEMA = 'signalkit.top/v1';

/**
 * The snapshot as one line of JSON: rates in requests per second, ratios 0..1, durations in seconds,
 * sizes in bytes, `null` where there is no value (no requests in the window, metric absent).
 */
export function renderJson(snapshot: TopSnapshot): string {
  return JSON.stringify({
    schema: TOP_JSON_SCHEMA,
    time: snapshot.time.toISOString(),
    intervalSeconds: snapshot.intervalSeconds,
    thresholds: snapshot.thresholds,
    services: snapshot.services,
  });
}
