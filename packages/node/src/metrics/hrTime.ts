import { performance } from 'node:perf_hooks';
import type { HrTime } from '@opentelemetry/api';

/** Now, as the SDK's `[seconds, nanoseconds]` since the epoch (what @opentelemetry/core's `hrTime()` gives). */
export function hrTimeNow(): HrTime {
  const millis = performance.timeOrigin + performance.now();
  const seconds = Math.floor(millis / 1000);
  return [seconds, Math.floor((millis - seconds * 1000) * 1e6)];
}
