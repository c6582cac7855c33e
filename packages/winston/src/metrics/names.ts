/**
 * The metrics @signalkit/winston records, in the shape of @signalkit/node's `MetricSpec` (`names.ts`), so
 * the spec can move there. Prometheus shows `log.records` as `log_records_total{log_level="error"}`.
 */
export interface CounterSpec {
  /** OpenTelemetry name. */
  readonly name: string;
  /** UCUM unit, as in OpenTelemetry. */
  readonly unit: string;
  readonly kind: 'counter';
  readonly description: string;
}

export const LOG_RECORDS = {
  name: 'log.records',
  unit: '{record}',
  kind: 'counter',
  description: 'Log records written, by level.',
} as const satisfies CounterSpec;

/** Attribute names of the log metrics. */
export const LOG_ATTR = {
  level: 'log.level',
  overflow: 'otel.metric.overflow',
} as const;

/** The instrumentation scope of the package's meter. */
export const METER_SCOPE = '@signalkit/winston';
