import type { EndpointState } from './prometheus/PrometheusEndpoint.js';

/** What runs and what failed, as reported by `handle.health()`. */
export interface Health {
  /** False when signalkit is off (disabled, unsupported Node.js) or shut down. */
  readonly active: boolean;
  readonly metrics: { readonly state: 'running' | 'disabled' | 'stopped'; readonly reason?: string };
  readonly prometheus: EndpointState | { readonly state: 'disabled' };
  /** One line per configuration problem found at init. */
  readonly problems: readonly string[];
}
