import type { Attributes, Meter } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import type { Integration } from '../integration.js';
import { ATTR, METRICS } from './names.js';

/**
 * Scheme, host and port of an OTLP URL, and nothing else: the endpoint variables may carry credentials
 * (`user:password@`, a signed query, a secret path prefix), and /metrics must never show them.
 */
export function endpointOrigin(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}`;
  } catch {
    return '';
  }
}

/** The attributes of `signalkit.config.info`: the settings `signalkit doctor` cannot see otherwise. */
export function configInfoAttributes(config: ResolvedConfig): Attributes {
  return Object.freeze({
    [ATTR.cardinalityLimit]: String(config.metrics.cardinalityLimit),
    [ATTR.traces]: config.traces.enabled ? 'on' : 'off',
    ...(config.traces.enabled ? { [ATTR.tracesEndpoint]: endpointOrigin(config.traces.exporter.url) } : {}),
  });
}

/**
 * `signalkit.config.info` (always 1), so a scrape tells how the service is set up: the cardinality limit
 * (for the near-the-limit warning), whether traces are on and where spans go (to probe the collector).
 * Headers and credentials are never part of it.
 */
export function configInfoMetric(meter: Meter, config: ResolvedConfig): Integration {
  const attributes = configInfoAttributes(config);
  const gauge = meter.createObservableGauge(METRICS.configInfo.name, {
    description: METRICS.configInfo.description,
    unit: METRICS.configInfo.unit,
  });
  const observe = (result: Parameters<Parameters<typeof gauge.addCallback>[0]>[0]) =>
    result.observe(1, attributes);
  return {
    name: 'config-info',
    start() {
      gauge.addCallback(observe);
    },
    stop() {
      gauge.removeCallback(observe);
    },
  };
}
