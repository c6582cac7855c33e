/** Thresholds of one service, resolved: every field set, ratios in 0..1, durations in seconds. */
export interface ServiceSlo {
  /** The service name: Prometheus's `job` label (scrape job name = OpenTelemetry `service.name`). */
  readonly name: string;
  readonly availability: {
    /** Share of requests that must not fail (5xx) over 30 days, e.g. 0.995. */
    readonly objective: number;
  };
  readonly latency: {
    /** A request slower than this (seconds) counts against the latency SLO. A histogram bucket bound. */
    readonly thresholdSeconds: number;
    /** Share of requests that must be faster than the threshold over 30 days, e.g. 0.99. */
    readonly objective: number;
    /** Alert when the p99 latency (5-minute window) stays above this many seconds. */
    readonly p99Seconds: number;
  };
  readonly traffic: {
    /** Alert when the request rate falls by more than this share of its rate of the previous hour (0..1). */
    readonly dropRatio: number;
    /** Traffic alerts only consider a service that served at least this many requests per second. */
    readonly minRequestsPerSecond: number;
  };
  readonly saturation: {
    /** Event loop utilization (0..1, 5-minute average) above which the service is saturated. */
    readonly eventLoopUtilization: number;
    /** Event loop delay p99 (seconds, 5-minute average) above which the service is saturated. */
    readonly eventLoopDelayP99Seconds: number;
    /** Heap used over the V8 heap limit (0..1) above which an out-of-memory crash is near. */
    readonly heapUsedRatio: number;
    /** CPU time per second (cores; 1 = one core busy) above which the process is saturated. */
    readonly cpuCores: number;
  };
  readonly logs: {
    /** Alert when the service writes more error records per minute than this (5-minute average). */
    readonly errorsPerMinute: number;
    /** Alert when the service writes more warning records per minute than this (5-minute average). */
    readonly warningsPerMinute: number;
  };
}

/** The thresholds of a service without its name: what `defaults:` and the built-in defaults hold. */
export type SloThresholds = Omit<ServiceSlo, 'name'>;

/** A parsed, validated SLO file. */
export interface SloFile {
  /** Where it was read from (for messages), or `<string>`. */
  readonly source: string;
  /** Base of every alert's `runbook_url`; the alert's anchor is appended (`#errorbudgetburn`). */
  readonly runbookUrl: string;
  /** In file order. */
  readonly services: readonly ServiceSlo[];
}
