import type { Attributes } from '@opentelemetry/api';
import type { ScopeMetrics } from '@opentelemetry/sdk-metrics';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import { descriptor } from './histogramData.js';
import { hrTimeNow } from './hrTime.js';
import { ATTR, METRICS } from './names.js';
import type { ScopeProducer } from './ScopeProducer.js';
import { SCOPE } from './scope.js';
import { DATA_POINT, TEMPORALITY } from './sdkConstants.js';

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
export function configInfoProducer(config: ResolvedConfig): ScopeProducer {
  const attributes = configInfoAttributes(config);
  const startTime = hrTimeNow();
  return {
    collect(): ScopeMetrics {
      const metric = {
        descriptor: descriptor(METRICS.configInfo),
        aggregationTemporality: TEMPORALITY.CUMULATIVE,
        dataPointType: DATA_POINT.GAUGE,
        dataPoints: [{ attributes, startTime, endTime: hrTimeNow(), value: 1 }],
      };
      return { scope: SCOPE, metrics: [metric] };
    },
  };
}
