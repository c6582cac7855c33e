import { SLO_DEFAULTS } from '../slo/defaults.js';

/**
 * The levels above which `signalkit top` marks a signal as one that would fire an alert. Today they are
 * the defaults below for every service and route; the SLO file (see `signalkit generate`) will provide a
 * {@link ThresholdSource} that answers per service and route.
 */
export interface Thresholds {
  /** Share of requests answered 5xx, 0..1. Default 0.05. */
  readonly errorRatio: number;
  /** 99th percentile of the server request duration, in seconds. Default 1. */
  readonly latencyP99Seconds: number;
  /** Event loop utilization, 0..1. Default 0.9. */
  readonly eventLoopUtilization: number;
  /** Heap used over the heap limit, 0..1. Default 0.85. */
  readonly heapUsedRatio: number;
}

/** The SLO file's defaults, so `top` marks what the generated alert rules would fire on. */
export const DEFAULT_THRESHOLDS: Thresholds = Object.freeze({
  errorRatio: 0.05,
  latencyP99Seconds: SLO_DEFAULTS.latency.p99Seconds,
  eventLoopUtilization: SLO_DEFAULTS.saturation.eventLoopUtilization,
  heapUsedRatio: SLO_DEFAULTS.saturation.heapUsedRatio,
});

/** A route of a service, as top shows it. */
export interface RouteRef {
  readonly method: string | null;
  /** The route template; `null` when the service reported none (404s, unmatched paths). */
  readonly route: string | null;
}

/** The thresholds for a service, or one of its routes when `route` is given. */
export type ThresholdSource = (service: string, route?: RouteRef) => Thresholds;

export const defaultThresholdSource: ThresholdSource = () => DEFAULT_THRESHOLDS;

export type ThresholdSignal = 'errorRatio' | 'latencyP99Seconds' | 'eventLoopUtilization' | 'heapUsedRatio';

/** A signal above its threshold: what would fire. `route` is absent for a service-wide signal. */
export interface Breach {
  readonly signal: ThresholdSignal;
  readonly route?: RouteRef;
  readonly value: number;
  readonly threshold: number;
}

/** The values of one service that thresholds apply to (a subset of its snapshot). */
export interface ThresholdInput {
  readonly service: string;
  readonly total: { readonly errorRatio: number | null; readonly p99Seconds: number | null } | null;
  readonly routes: readonly (RouteRef & { errorRatio: number | null; p99Seconds: number | null })[];
  readonly saturation: {
    readonly eventLoopUtilization: number | null;
    readonly heapUsedRatio: number | null;
  };
}

/** The signals of a service above their thresholds: the service as a whole, then each route. */
export function evaluateThresholds(input: ThresholdInput, source: ThresholdSource): Breach[] {
  const breaches: Breach[] = [];
  const check = (signal: ThresholdSignal, value: number | null, threshold: number, route?: RouteRef) => {
    if (value !== null && value > threshold)
      breaches.push(route === undefined ? { signal, value, threshold } : { signal, route, value, threshold });
  };
  const service = source(input.service);
  check('errorRatio', input.total?.errorRatio ?? null, service.errorRatio);
  check('latencyP99Seconds', input.total?.p99Seconds ?? null, service.latencyP99Seconds);
  check('eventLoopUtilization', input.saturation.eventLoopUtilization, service.eventLoopUtilization);
  check('heapUsedRatio', input.saturation.heapUsedRatio, service.heapUsedRatio);
  for (const route of input.routes) {
    const ref = { method: route.method, route: route.route };
    const limits = source(input.service, ref);
    check('errorRatio', route.errorRatio, limits.errorRatio, ref);
    check('latencyP99Seconds', route.p99Seconds, limits.latencyP99Seconds, ref);
  }
  return breaches;
}
