import type { SignalNames } from '../model/metricNames.js';
import type { Sample } from '../prometheus/parsePrometheusText.js';
import type { Scrape } from '../prometheus/scrapeEndpoint.js';

/** One series of the server duration histogram, cumulative since the process started. */
export interface DurationSeries {
  readonly method: string | null;
  readonly route: string | null;
  readonly status: number | null;
  /** A 5xx answer, or an error without a status. */
  readonly error: boolean;
  /** The cardinality guard's catch-all series. */
  readonly overflow: boolean;
  /** Cumulative count by upper bound (`+Inf` included). */
  readonly buckets: Map<number, number>;
  count: number;
}

/** The golden signals of one service in one scrape: counters cumulative, gauges as read. */
export interface ServiceReading {
  /** Identifies the service across scrapes: the URL, plus job and instance when the endpoint has them. */
  readonly key: string;
  readonly service: string;
  readonly url: string;
  readonly instance: string | undefined;
  readonly atMillis: number;
  readonly duration: ReadonlyMap<string, DurationSeries>;
  readonly inFlight: number | null;
  readonly eventLoopUtilization: number | null;
  readonly eventLoopDelayP99Seconds: number | null;
  readonly heapUsedBytes: number | null;
  readonly heapLimitBytes: number | null;
  /** CPU seconds used since the process started, all modes together; `null` when not exported. */
  readonly cpuSeconds: number | null;
  /** Log records by level, cumulative; `null` when the endpoint has no log-records counter. */
  readonly logRecords: ReadonlyMap<string, number> | null;
}

/** Labels that a federating endpoint (a collector, Prometheus) adds to tell targets apart. */
const TARGET_LABELS = ['job', 'instance'] as const;
const TARGET_INFO = 'target_info';
const SERVICE_NAME = 'service_name';

function targetKey(labels: Readonly<Record<string, string>>): string {
  return TARGET_LABELS.map((l) => labels[l] ?? '').join('\u0000');
}

function seriesKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .filter((k) => k !== 'le')
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
}

interface Group {
  target: Readonly<Record<string, string>>;
  samples: Sample[];
}

/** A service name from the URL when the endpoint has no `target_info`. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Reads the golden signals of each service in a scrape. A signalkit endpoint holds one service
 * (named by `target_info`'s `service_name`); an endpoint that federates several targets (job and
 * instance labels) gives one reading per target. Targets without any golden signal are left out.
 */
export function readSignals(scrape: Scrape, names: SignalNames): ServiceReading[] {
  const groups = new Map<string, Group>();
  const serviceNames = new Map<string, string>();
  for (const sample of scrape.metrics.samples) {
    const key = targetKey(sample.labels);
    if (sample.name === TARGET_INFO) {
      const name = sample.labels[SERVICE_NAME];
      if (name !== undefined && !serviceNames.has(key)) serviceNames.set(key, name);
      continue;
    }
    let group = groups.get(key);
    if (group === undefined) {
      group = { target: sample.labels, samples: [] };
      groups.set(key, group);
    }
    group.samples.push(sample);
  }
  const readings: ServiceReading[] = [];
  for (const [key, group] of groups) {
    const { job, instance } = group.target;
    const service = serviceNames.get(key) ?? job ?? hostOf(scrape.url);
    const reading = readGroup(`${scrape.url}\u0000${key}`, service, instance, scrape, group.samples, names);
    if (reading !== undefined) readings.push(reading);
  }
  return readings;
}

function readGroup(
  key: string,
  service: string,
  instance: string | undefined,
  scrape: Scrape,
  samples: readonly Sample[],
  names: SignalNames,
): ServiceReading | undefined {
  const { labels } = names;
  const bucketName = `${names.serverDuration}_bucket`;
  const countName = `${names.serverDuration}_count`;
  const duration = new Map<string, DurationSeries>();
  const seriesOf = (sample: Sample): DurationSeries => {
    const k = seriesKey(sample.labels);
    let series = duration.get(k);
    if (series === undefined) {
      const rawStatus = sample.labels[labels.status];
      const status = rawStatus === undefined || rawStatus === '' ? null : Number(rawStatus);
      const errorType = sample.labels[labels.errorType];
      series = {
        method: sample.labels[labels.method] ?? null,
        route: sample.labels[labels.route] ?? null,
        status: status !== null && Number.isFinite(status) ? status : null,
        error:
          status !== null && Number.isFinite(status)
            ? status >= 500
            : errorType !== undefined && errorType !== '',
        overflow: sample.labels[labels.overflow] === 'true',
        buckets: new Map(),
        count: 0,
      };
      duration.set(k, series);
    }
    return series;
  };
  let inFlight: number | null = null;
  let elu: number | null = null;
  let delayP99: number | null = null;
  let heapUsed: number | null = null;
  let heapLimit: number | null = null;
  let cpuSeconds: number | null = null;
  let logRecords: Map<string, number> | null = null;
  for (const sample of samples) {
    switch (sample.name) {
      case bucketName: {
        const le = Number(sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : sample.labels.le);
        if (!Number.isNaN(le)) seriesOf(sample).buckets.set(le, sample.value);
        break;
      }
      case countName:
        seriesOf(sample).count = sample.value;
        break;
      case names.activeRequests:
        inFlight = (inFlight ?? 0) + sample.value;
        break;
      case names.eventLoopUtilization:
        elu = sample.value;
        break;
      case names.eventLoopDelayP99:
        delayP99 = sample.value;
        break;
      case names.heapUsed:
        heapUsed = sample.value;
        break;
      case names.heapLimit:
        heapLimit = sample.value;
        break;
      case names.cpuTime:
        cpuSeconds = (cpuSeconds ?? 0) + sample.value;
        break;
      default:
        if (names.logRecords !== undefined && sample.name === names.logRecords) {
          const level = (labels.logLevel === undefined ? undefined : sample.labels[labels.logLevel]) ?? '';
          logRecords ??= new Map();
          logRecords.set(level, (logRecords.get(level) ?? 0) + sample.value);
        }
    }
  }
  const nothing =
    duration.size === 0 &&
    [inFlight, elu, delayP99, heapUsed, heapLimit, logRecords].every((value) => value === null);
  if (nothing) return undefined;
  return {
    key,
    service,
    url: scrape.url,
    instance,
    atMillis: scrape.atMillis,
    duration,
    inFlight,
    eventLoopUtilization: elu,
    eventLoopDelayP99Seconds: delayP99,
    heapUsedBytes: heapUsed,
    heapLimitBytes: heapLimit,
    cpuSeconds,
    logRecords,
  };
}
