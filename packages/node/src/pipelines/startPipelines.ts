import { createNoopMeter, type MeterProvider } from '@opentelemetry/api';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { routeOtelDiagnostics } from '../diagnostics/otelDiagnostics.js';
import { routeOtelErrors } from '../diagnostics/otelErrors.js';
import type { Integration } from '../integration.js';
import { createResource, resourceAttributes } from '../resource/createResource.js';
import { frameworkRoutes } from '../routes/frameworkRoutes.js';
import { startTracing, type TracingPipeline } from '../traces/startTracing.js';
import { type MetricsPipeline, startMetricsPipeline } from './startMetricsPipeline.js';

/** What runs: each part is absent when its signal is off or could not start. */
export interface Pipelines {
  readonly metrics: MetricsPipeline | undefined;
  readonly tracing: TracingPipeline | undefined;
  /** Route-template capture, shared by the metrics and the server spans: on when either is. */
  readonly routes: Integration | undefined;
}

export const NO_PIPELINES: Pipelines = Object.freeze({
  metrics: undefined,
  tracing: undefined,
  routes: undefined,
});

/**
 * Where the tracing pipeline records its self-metrics: deferred meters on the metrics pipeline's provider
 * (the metrics SDK loads off the startup path), no-op meters without metrics.
 */
function selfMetricsProvider(pipeline: MetricsPipeline | undefined): MeterProvider {
  if (pipeline === undefined) return { getMeter: () => createNoopMeter() };
  const provider = pipeline.meterProvider;
  return { getMeter: (name, version, options) => provider.deferredMeter(name, version, options) };
}

/**
 * Builds the pipelines the resolved config asks for: the one place where signalkit's parts are put
 * together. A pipeline that fails to start is one diagnostics line and absent; the app runs without it.
 */
export function startPipelines(config: ResolvedConfig, diagnostics: Diagnostics): Pipelines {
  routeOtelDiagnostics(diagnostics, config.logLevel);
  // First, so that its module hooks are in place before anything else starts loading modules.
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

  let metrics: MetricsPipeline | undefined;
  if (config.metrics.enabled) {
    try {
      metrics = startMetricsPipeline(config, attributes, diagnostics, onSdkLoad);
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
        selfMetricsProvider(metrics),
        diagnostics,
        (server) => metrics?.endpoint?.isOwnServer(server) === true,
      );
      tracing.integration.start();
    } catch (error) {
      tracing = undefined;
      diagnostics.error('start:traces', `tracing could not start: ${String(error)}; the app runs without it`);
    }
  }
  return { metrics, tracing, routes };
}

/** Stops every integration of the pipelines; best effort: a failed unsubscribe must not keep the rest running. */
export function stopIntegrations(pipelines: Pipelines): void {
  const all = [
    ...(pipelines.routes ? [pipelines.routes] : []),
    ...(pipelines.metrics?.integrations ?? []),
    ...(pipelines.tracing ? [pipelines.tracing.integration] : []),
  ];
  for (const integration of all) {
    try {
      integration.stop();
    } catch {
      // Best effort, see above.
    }
  }
}
