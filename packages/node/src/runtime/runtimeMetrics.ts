import {
  constants,
  type EventLoopUtilization,
  monitorEventLoopDelay,
  PerformanceObserver,
  performance,
} from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { HrTime } from '@opentelemetry/api';
import type { MetricData, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import type { Integration } from '../integration.js';
import { HistogramSeries } from '../metrics/HistogramFamily.js';
import { descriptor, type HistogramSnapshot, histogramData } from '../metrics/histogramData.js';
import { hrTimeNow } from '../metrics/hrTime.js';
import { ATTR, GC_DURATION_BUCKETS, METRICS, type MetricSpec } from '../metrics/names.js';
import type { ReaderTemporality, ScopeProducer } from '../metrics/ScopeProducer.js';
import { SCOPE } from '../metrics/scope.js';
import { DATA_POINT, TEMPORALITY } from '../metrics/sdkConstants.js';

/** Sampling resolution of the event loop delay histogram, in milliseconds. */
const DELAY_RESOLUTION_MILLIS = 10;
/**
 * Event loop delay percentiles and utilization cover fixed windows of this length, not "since the last
 * collection": with several readers (Prometheus, an OTLP push, `signalkit top`) each would otherwise see
 * only the time since another one read.
 */
export const RUNTIME_WINDOW_MILLIS = 10_000;

/** Event loop figures of one window. */
interface LoopWindow {
  p50: number;
  p99: number;
  max: number;
  utilization: number;
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

const CUMULATIVE: ReaderTemporality = Object.freeze({
  histograms: TEMPORALITY.CUMULATIVE,
  counters: TEMPORALITY.CUMULATIVE,
});

/** The runtime integration and the producer of its figures for each reader. */
export interface RuntimeMetrics extends Integration {
  producer(temporality?: ReaderTemporality): ScopeProducer;
}

function gauge(spec: MetricSpec, startTime: HrTime, endTime: HrTime, value: number): MetricData {
  return {
    descriptor: descriptor(spec),
    aggregationTemporality: TEMPORALITY.CUMULATIVE,
    dataPointType: DATA_POINT.GAUGE,
    dataPoints: [{ attributes: {}, startTime, endTime, value }],
  };
}

/**
 * Saturation signals, never per request: event loop delay percentiles and utilization of the last
 * complete window (an unref'd timer closes one every {@link RUNTIME_WINDOW_MILLIS}), GC pauses by kind,
 * and, read at collection time, heap used and limit, CPU time, RSS and active handles.
 */
export function runtimeMetrics(): RuntimeMetrics {
  let delay: ReturnType<typeof monitorEventLoopDelay> | undefined;
  let gcObserver: PerformanceObserver | undefined;
  let windowStartElu: EventLoopUtilization | undefined;
  let lastWindow: LoopWindow | undefined;
  let windowTimer: NodeJS.Timeout | undefined;
  const startTime = hrTimeNow();
  /** GC pauses in seconds, one series per kind seen. */
  const gcSeries = new Map<number, HistogramSeries>();
  const gcFamily = { boundaries: GC_DURATION_BUCKETS, all: () => [...gcSeries.values()] };

  /** The figures of the window in progress (seconds and a 0..1 share). */
  function currentWindow(): LoopWindow | undefined {
    if (delay === undefined || windowStartElu === undefined) return undefined;
    const utilizationNow = performance.eventLoopUtilization(windowStartElu).utilization;
    // The histogram is in nanoseconds; it stays empty until the loop has been sampled once.
    if (delay.count === 0) return { p50: 0, p99: 0, max: 0, utilization: utilizationNow };
    return {
      p50: delay.percentile(50) / 1e9,
      p99: delay.percentile(99) / 1e9,
      max: delay.max / 1e9,
      utilization: utilizationNow,
    };
  }

  function closeWindow(): void {
    lastWindow = currentWindow();
    delay?.reset();
    windowStartElu = performance.eventLoopUtilization();
  }

  function recordGc(kind: number, seconds: number): void {
    let series = gcSeries.get(kind);
    if (series === undefined) {
      const name = GC_KINDS[kind];
      const attributes = Object.freeze(name === undefined ? {} : { [ATTR.gcType]: name });
      series = new HistogramSeries(attributes, GC_DURATION_BUCKETS);
      gcSeries.set(kind, series);
    }
    series.record(seconds);
  }

  function producer(temporality: ReaderTemporality = CUMULATIVE): ScopeProducer {
    const previousGc =
      temporality.histograms === TEMPORALITY.DELTA
        ? new Map<HistogramSeries, HistogramSnapshot>()
        : undefined;
    const deltaCpu = temporality.counters === TEMPORALITY.DELTA;
    let previousCpu = { user: 0, system: 0 };
    let lastCollection = startTime;
    return {
      collect(): ScopeMetrics {
        const endTime = hrTimeNow();
        const metrics: MetricData[] = [];
        // The last complete window; during the first one, what it has so far.
        const loop = lastWindow ?? currentWindow();
        if (loop !== undefined) {
          metrics.push(
            gauge(METRICS.eventLoopDelayP50, startTime, endTime, loop.p50),
            gauge(METRICS.eventLoopDelayP99, startTime, endTime, loop.p99),
            gauge(METRICS.eventLoopDelayMax, startTime, endTime, loop.max),
            gauge(METRICS.eventLoopUtilization, startTime, endTime, loop.utilization),
          );
        }
        const heap = getHeapStatistics();
        metrics.push(
          gauge(METRICS.heapUsed, startTime, endTime, heap.used_heap_size),
          gauge(METRICS.heapLimit, startTime, endTime, heap.heap_size_limit),
        );
        const cpu = process.cpuUsage();
        const cpuStart = deltaCpu ? lastCollection : startTime;
        const cpuPoint = (mode: 'user' | 'system') => ({
          attributes: { [ATTR.cpuMode]: mode },
          startTime: cpuStart,
          endTime,
          value: (cpu[mode] - (deltaCpu ? previousCpu[mode] : 0)) / 1e6,
        });
        metrics.push({
          descriptor: descriptor(METRICS.cpuTime),
          aggregationTemporality: deltaCpu ? TEMPORALITY.DELTA : TEMPORALITY.CUMULATIVE,
          dataPointType: DATA_POINT.SUM,
          isMonotonic: true,
          dataPoints: [cpuPoint('user'), cpuPoint('system')],
        });
        previousCpu = cpu;
        metrics.push({
          descriptor: descriptor(METRICS.memoryUsage),
          aggregationTemporality: TEMPORALITY.CUMULATIVE,
          dataPointType: DATA_POINT.SUM,
          isMonotonic: false,
          dataPoints: [{ attributes: {}, startTime, endTime, value: process.memoryUsage.rss() }],
        });
        metrics.push(
          gauge(METRICS.activeHandles, startTime, endTime, process.getActiveResourcesInfo().length),
        );
        const gc = histogramData(
          METRICS.gcDuration,
          gcFamily,
          previousGc === undefined ? startTime : lastCollection,
          endTime,
          previousGc,
        );
        if (gc !== undefined) metrics.push(gc);
        lastCollection = endTime;
        return { scope: SCOPE, metrics };
      },
    };
  }

  return {
    name: 'runtime',
    producer,
    start() {
      delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MILLIS });
      delay.enable();
      windowStartElu = performance.eventLoopUtilization();
      windowTimer = setInterval(closeWindow, RUNTIME_WINDOW_MILLIS);
      windowTimer.unref();
      gcObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const kind = ((entry as { detail?: unknown }).detail as { kind?: number } | null | undefined)?.kind;
          recordGc(kind ?? -1, entry.duration / 1000);
        }
      });
      gcObserver.observe({ entryTypes: ['gc'] });
    },
    stop() {
      clearInterval(windowTimer);
      delay?.disable();
      gcObserver?.disconnect();
      delay = undefined;
      gcObserver = undefined;
    },
  };
}
