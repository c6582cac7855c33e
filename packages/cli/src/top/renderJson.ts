import type { TopSnapshot } from './snapshot.js';
import type { Thresholds } from './thresholds.js';

/** Names the shape of `signalkit top --json`, so consumers can tell when it changes. */
export const TOP_JSON_SCHEMA = 'signalkit.top/v1';

/** A snapshot as `--json` prints it (and the web view's API serves it). */
export interface TopJson {
  readonly schema: typeof TOP_JSON_SCHEMA;
  /** ISO 8601. */
  readonly time: string;
  readonly intervalSeconds: number;
  readonly thresholds: Thresholds;
  readonly services: TopSnapshot['services'];
}

/**
 * The snapshot as a JSON value: rates in requests per second, ratios 0..1, durations in seconds,
 * sizes in bytes, `null` where there is no value (no requests in the window, metric absent).
 */
export function toJson(snapshot: TopSnapshot): TopJson {
  return {
    schema: TOP_JSON_SCHEMA,
    time: snapshot.time.toISOString(),
    intervalSeconds: snapshot.intervalSeconds,
    thresholds: snapshot.thresholds,
    services: snapshot.services,
  };
}

/** The snapshot as one line of JSON (see {@link toJson}). */
export function renderJson(snapshot: TopSnapshot): string {
  return JSON.stringify(toJson(snapshot));
}
