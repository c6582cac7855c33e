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
 * Saturation signals, sampled at collection time (never per request): event loop delay percentiles and
 * utilization since the previous collection, heap used and limit, GC pauses, CPU time, RSS and active
 * handles. The delay percentiles and utilization cover the interval between two collections.
 */
export function runtimeMetrics(meter: Meter): Integration {
  let delay: ReturnType<typeof monitorEventLoopDelay> | undefined;
  let gcObserver: PerformanceObserver | undefined;
  let lastElu: EventLoopUtilization | undefined;

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
    if (delay !== undefined) {
      // The histogram is in nanoseconds; it stays empty until the loop has been sampled once.
      if (delay.count > 0) {
        result.observe(delayP50, delay.percentile(50) / 1e9);
        result.observe(delayP99, delay.percentile(99) / 1e9);
        result.observe(delayMax, delay.max / 1e9);
      }
      delay.reset();
    }
    const elu = performance.eventLoopUtilization();
    result.observe(utilization, performance.eventLoopUtilization(elu, lastElu).utilization);
    lastElu = elu;
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
      lastElu = performance.eventLoopUtilization();
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
      delay?.disable();
      gcObserver?.disconnect();
      delay = undefined;
      gcObserver = undefined;
    },
  };
}
