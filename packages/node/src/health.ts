import type { EndpointState } from './prometheus/PrometheusEndpoint.js';

/** What runs and what failed, as reported by `handle.health()`. */
export interface Health {
  /** False when signalkit is off (disabled, unsupported Node.js) or shut down. */
  readonly active: boolean;
  readonly metrics: { readonly state: 'running' | 'disabled' | 'stopped'; readonly reason?: string };
  readonly prometheus: EndpointState | { readonly state: 'disabled' };
  /** Tracing, with the instrumentations that were loaded. */
  readonly traces:
    | { readonly state: 'disabled' }
    | { readonly state: 'running' | 'stopped'; readonly instrumentations: readonly string[] };
  /** One line per configuration problem found at init. */
  readonly problems: readonly string[];
}
