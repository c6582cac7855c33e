import { createNoopMeter, type MeterProvider, metrics } from '@opentelemetry/api';
import type { ObservabilityOptions } from './config/options.js';
import { formatProblem, type ResolvedConfig, resolveConfig } from './config/resolveConfig.js';
import { createDiagnostics } from './diagnostics/diagnostics.js';
import { routeOtelDiagnostics } from './diagnostics/otelDiagnostics.js';
import { routeOtelErrors } from './diagnostics/otelErrors.js';
import type { FlushOptions, ObservabilityHandle } from './handle.js';
import type { Health } from './health.js';
import { currentInstance, type Instance, releaseInstance, setCurrentInstance } from './instance.js';
import type { Integration } from './integration.js';
import { shutdownOnSignals } from './lifecycle/shutdownOnSignals.js';
import { type MetricsPipeline, startMetrics } from './metrics/startMetrics.js';
import { isSupportedNode, MIN_NODE_VERSION } from './nodeVersion.js';
import { createResource, resourceAttributes } from './resource/createResource.js';
import { frameworkRoutes } from './routes/frameworkRoutes.js';
import { settleWithin } from './settleWithin.js';
import { startTracing, type TracingPipeline } from './traces/startTracing.js';

/**
 * Where the tracing pipeline records its self-metrics: deferred meters on the metrics pipeline's provider
 * (the metrics SDK loads off the startup path), no-op meters without metrics.
 */
function selfMetricsProvider(pipeline: MetricsPipeline | undefined): MeterProvider {
  if (pipeline === undefined) return { getMeter: () => createNoopMeter() };
  const provider = pipeline.meterProvider;
  return { getMeter: (name, version, options) => provider.deferredMeter(name, version, options) };
}

/** What runs: each part is absent when its signal is off. */
interface Running {
  readonly metrics: MetricsPipeline | undefined;
  readonly tracing: TracingPipeline | undefined;
  /** Route-template capture, shared by the metrics and the server spans: on when either is. */
  readonly routes: Integration | undefined;
}

function stopIntegrations(running: Running): void {
  const all = [
    ...(running.routes ? [running.routes] : []),
    ...(running.metrics?.integrations ?? []),
    ...(running.tracing ? [running.tracing.integration] : []),
  ];
  for (const integration of all) {
    try {
      integration.stop();
    } catch {
      // Stopping is best effort: a failed unsubscribe must not keep the rest running.
    }
  }
}

/**
 * Settles when `work` does or after `timeoutMillis`, never rejecting, and keeps the process alive
 * meanwhile. The exporters' sockets and timers are unref'd, so that an export in the background never
 * holds a finished process; a flush or shutdown the app asked for holds it, for its bounded duration.
 */
async function flushWithin(work: Promise<unknown>, timeoutMillis: number): Promise<void> {
  const hold = setTimeout(() => {}, timeoutMillis);
  try {
    await settleWithin(work, timeoutMillis);
  } finally {
    clearTimeout(hold);
  }
}

function createHandle(
  config: ResolvedConfig,
  problems: readonly string[],
  running: Running,
  inactiveReason: string | undefined,
  onShutdown: () => void,
): ObservabilityHandle {
  let shutdownPromise: Promise<void> | undefined;
  const bound = (options?: FlushOptions) => options?.timeoutMillis ?? config.shutdownTimeoutMillis;
  const { metrics: pipeline, tracing } = running;
  const active = pipeline !== undefined || tracing !== undefined;
  const handle: ObservabilityHandle = {
    config,
    meterProvider: pipeline?.meterProvider,
    ready: pipeline?.ready ?? Promise.resolve(),
    health(): Health {
      const stopped = shutdownPromise !== undefined;
      const reason = inactiveReason === undefined ? {} : { reason: inactiveReason };
      return {
        active: active && !stopped,
        metrics:
          pipeline === undefined
            ? { state: 'disabled', ...reason }
            : { state: stopped ? 'stopped' : 'running' },
        prometheus: pipeline?.endpoint?.status ?? { state: 'disabled' },
        traces:
          tracing === undefined
            ? { state: 'disabled' }
            : { state: stopped ? 'stopped' : 'running', instrumentations: tracing.instrumentations },
        problems,
      };
    },
    async forceFlush(options) {
      if (!active || shutdownPromise !== undefined) return;
      // The providers' own timers get the same bound: they hold the process no longer than the flush does.
      const timeoutMillis = bound(options);
      await flushWithin(
        Promise.all([
          pipeline?.forceFlush({ timeoutMillis }),
          tracing?.tracerProvider.forceFlush({ timeoutMillis }),
        ]),
        timeoutMillis,
      );
    },
    shutdown(options) {
      shutdownPromise ??= (async () => {
        onShutdown();
        if (!active) return;
        stopIntegrations(running);
        const timeoutMillis = bound(options);
        await flushWithin(
          Promise.all([pipeline?.shutdown({ timeoutMillis }), tracing?.tracerProvider.shutdown()]),
          timeoutMillis,
        );
      })();
      return shutdownPromise;
    },
  };
  return Object.freeze(handle);
}

/**
 * Starts signalkit: golden-signal metrics on a Prometheus endpoint (127.0.0.1:9464/metrics by default),
 * saturation metrics, route templates for known frameworks. Reads the environment once; `options` win
 * over it. Never throws for bad environment values (one diagnostic line each, that signal off); throws
 * a {@link SignalkitError} only for options of the wrong type. A second call returns the same handle.
 */
export function initObservability(options?: ObservabilityOptions): ObservabilityHandle {
  const existing = currentInstance();
  if (existing !== undefined) {
    if (!existing.warnedAgain) {
      existing.warnedAgain = true;
      existing.diagnostics.warn(
        'init-again',
        'initObservability() was already called (or the preload ran); returning the existing handle, the new options are ignored',
      );
    }
    return existing.handle;
  }

  const { config, problems } = resolveConfig(options);
  const diagnostics = createDiagnostics(config.logLevel);
  const problemLines = problems.map(formatProblem);
  for (const [i, line] of problemLines.entries()) diagnostics.error(`config:${problems[i]?.variable}`, line);

  let inactiveReason: string | undefined;
  if (!isSupportedNode()) {
    inactiveReason = `Node.js ${process.versions.node} is not supported (needs >= ${MIN_NODE_VERSION})`;
    diagnostics.warn('node-version', `${inactiveReason}; signalkit does nothing`);
  } else if (config.disabled) {
    inactiveReason = 'OTEL_SDK_DISABLED';
  } else if (!config.metrics.enabled && !config.traces.enabled) {
    inactiveReason = 'metrics and traces are off';
  }

  let running: Running = { metrics: undefined, tracing: undefined, routes: undefined };
  if (inactiveReason === undefined) {
    routeOtelDiagnostics(diagnostics, config.logLevel);
    // First, so that its hooks are in place before anything else starts loading modules.
    let routes: Integration | undefined = frameworkRoutes(diagnostics);
    try {
      routes.start();
    } catch (error) {
      routes = undefined;
      diagnostics.error('start:framework-routes', `route capture could not start: ${String(error)}`);
    }
    const attributes = resourceAttributes(config);
    // The SDK packages load only where they are used (see lazyPackages.ts); its errors are routed then.
    let errorsRouted = false;
    const onSdkLoad = () => {
      if (errorsRouted) return;
      errorsRouted = true;
      routeOtelErrors(diagnostics);
    };
    let pipeline: MetricsPipeline | undefined;
    if (config.metrics.enabled) {
      try {
        pipeline = startMetrics(config, attributes, diagnostics, onSdkLoad);
      } catch (error) {
        diagnostics.error(
          'start:metrics',
          `metrics could not start: ${String(error)}; the app runs without them`,
        );
      }
    }
    let tracing: TracingPipeline | undefined;
    if (config.traces.enabled) {
      try {
        onSdkLoad();
        tracing = startTracing(
          config.traces,
          createResource(attributes),
          selfMetricsProvider(pipeline),
          diagnostics,
          (server) => pipeline?.endpoint?.isOwnServer(server) === true,
        );
        tracing.integration.start();
      } catch (error) {
        tracing = undefined;
        diagnostics.error(
          'start:traces',
          `tracing could not start: ${String(error)}; the app runs without it`,
        );
      }
    }
    running = { metrics: pipeline, tracing, routes };
  }

  let signals: Integration | undefined;
  const instance: Instance = {
    diagnostics,
    warnedAgain: false,
    handle: createHandle(config, problemLines, running, inactiveReason, () => {
      releaseInstance(instance);
      if (running.metrics !== undefined) metrics.disable();
      signals?.stop();
    }),
  };
  setCurrentInstance(instance);
  if (config.shutdownOnSignals && inactiveReason === undefined) {
    signals = shutdownOnSignals({
      shutdown: () => instance.handle.shutdown(),
      flush: () => instance.handle.forceFlush(),
    });
    signals.start();
  }
  return instance.handle;
}
