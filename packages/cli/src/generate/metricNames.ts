import { ATTR, METRICS, type MetricSpec, prometheusLabel, prometheusName } from '@signalkit/node';

/** `log.records`, counted by @signalkit/winston. */
export const LOG_RECORDS: MetricSpec = METRICS.logRecords;

/** Attribute of `log.records` holding the level (`error`, `warn`, `info`, ...). */
export const LOG_LEVEL_ATTR = ATTR.logLevel;

/**
 * Prometheus names of the series the generated rules and dashboards query, all derived from the SDK's
 * metric specs (never retyped). Histogram names are the family name: add `_bucket`, `_sum`, `_count`.
 */
export const PROM = Object.freeze({
  httpDuration: prometheusName(METRICS.httpServerDuration),
  httpActive: prometheusName(METRICS.httpServerActiveRequests),
  httpClientDuration: prometheusName(METRICS.httpClientDuration),
  eventLoopDelayP50: prometheusName(METRICS.eventLoopDelayP50),
  eventLoopDelayP99: prometheusName(METRICS.eventLoopDelayP99),
  eventLoopDelayMax: prometheusName(METRICS.eventLoopDelayMax),
  eventLoopUtilization: prometheusName(METRICS.eventLoopUtilization),
  heapUsed: prometheusName(METRICS.heapUsed),
  heapLimit: prometheusName(METRICS.heapLimit),
  cpuTime: prometheusName(METRICS.cpuTime),
  memoryUsage: prometheusName(METRICS.memoryUsage),
  activeHandles: prometheusName(METRICS.activeHandles),
  gcDuration: prometheusName(METRICS.gcDuration),
  logRecords: prometheusName(LOG_RECORDS),
});

/** Prometheus label names of the attributes the rules and dashboards use. */
export const LABEL = Object.freeze({
  method: prometheusLabel(ATTR.method),
  route: prometheusLabel(ATTR.route),
  status: prometheusLabel(ATTR.status),
  errorType: prometheusLabel(ATTR.errorType),
  cpuMode: prometheusLabel(ATTR.cpuMode),
  logLevel: prometheusLabel(LOG_LEVEL_ATTR),
});
