import {
  constants,
  type EventLoopUtilization,
  monitorEventLoopDelay,
  PerformanceObserver,
  performance,
} from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { type Meter, ValueType } from '@opentelemetry/api';
import type { Integration } from '../integration.js';
import { ATTR, GC_DURATION_BUCKETS, METRICS, type MetricSpec } from '../metrics/names.js';

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

function options(spec: MetricSpec) {
  return { description: spec.description, unit: spec.unit, valueType: ValueType.DOUBLE };
}

/**
 * Saturation signals, never per request: event loop delay percentiles and utilization of the last
 * complete window (an unref'd timer closes one every {@link RUNTIME_WINDOW_MILLIS}), and, read at
 * collection time, heap used and limit, GC pauses, CPU time, RSS and active handles.
 */
export function runtimeMetrics(meter: Meter): Integration {
  let delay: ReturnType<typeof monitorEventLoopDelay> | undefined;
  let gcObserver: PerformanceObserver | undefined;
  let windowStartElu: EventLoopUtilization | undefined;
  let lastWindow: LoopWindow | undefined;
  let windowTimer: NodeJS.Timeout | undefined;

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

  const delayP50 = meter.createObservableGauge(
    METRICS.eventLoopDelayP50.name,
    options(METRICS.eventLoopDelayP50),
  );
  const delayP99 = meter.createObservableGauge(
    METRICS.eventLoopDelayP99.name,
    options(METRICS.eventLoopDelayP99),
  );
  const delayMax = meter.createObservableGauge(
    METRICS.eventLoopDelayMax.name,
    options(METRICS.eventLoopDelayMax),
  );
  const utilization = meter.createObservableGauge(
    METRICS.eventLoopUtilization.name,
    options(METRICS.eventLoopUtilization),
  );
  const heapUsed = meter.createObservableGauge(METRICS.heapUsed.name, options(METRICS.heapUsed));
  const heapLimit = meter.createObservableGauge(METRICS.heapLimit.name, options(METRICS.heapLimit));
  const cpuTime = meter.createObservableCounter(METRICS.cpuTime.name, options(METRICS.cpuTime));
  const rss = meter.createObservableUpDownCounter(METRICS.memoryUsage.name, options(METRICS.memoryUsage));
  const handles = meter.createObservableGauge(METRICS.activeHandles.name, options(METRICS.activeHandles));
  const gcDuration = meter.createHistogram(METRICS.gcDuration.name, {
    ...options(METRICS.gcDuration),
    advice: { explicitBucketBoundaries: [...GC_DURATION_BUCKETS] },
  });
  const gcAttributes = Object.fromEntries(
    Object.entries(GC_KINDS).map(([kind, name]) => [kind, Object.freeze({ [ATTR.gcType]: name })]),
  );

  const observe: Parameters<Meter['addBatchObservableCallback']>[0] = (result) => {
    // The last complete window; during the first one, what it has so far.
    const loop = lastWindow ?? currentWindow();
    if (loop !== undefined) {
      result.observe(delayP50, loop.p50);
      result.observe(delayP99, loop.p99);
      result.observe(delayMax, loop.max);
      result.observe(utilization, loop.utilization);
    }
    const heap = getHeapStatistics();
    result.observe(heapUsed, heap.used_heap_size);
    result.observe(heapLimit, heap.heap_size_limit);
    const cpu = process.cpuUsage();
    result.observe(cpuTime, cpu.user / 1e6, { [ATTR.cpuMode]: 'user' });
    result.observe(cpuTime, cpu.system / 1e6, { [ATTR.cpuMode]: 'system' });
    result.observe(rss, process.memoryUsage.rss());
    result.observe(handles, process.getActiveResourcesInfo().length);
  };

  return {
    name: 'runtime',
    start() {
      delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MILLIS });
      delay.enable();
      windowStartElu = performance.eventLoopUtilization();
      windowTimer = setInterval(closeWindow, RUNTIME_WINDOW_MILLIS);
      windowTimer.unref();
      gcObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const kind = ((entry as { detail?: unknown }).detail as { kind?: number } | null | undefined)?.kind;
          gcDuration.record(entry.duration / 1000, gcAttributes[kind ?? -1] ?? {});
        }
      });
      gcObserver.observe({ entryTypes: ['gc'] });
      meter.addBatchObservableCallback(observe, [
        delayP50,
        delayP99,
        delayMax,
        utilization,
        heapUsed,
        heapLimit,
        cpuTime,
        rss,
        handles,
      ]);
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
