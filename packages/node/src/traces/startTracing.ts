import type { IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import {
  context,
  createNoopMeter,
  type MeterProvider,
  propagation,
  type TextMapPropagator,
  trace,
} from '@opentelemetry/api';
import type { Instrumentation, InstrumentationConfig } from '@opentelemetry/instrumentation';
import type { Resource } from '@opentelemetry/resources';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import type { ResolvedTraces } from '../config/resolveTraces.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { setErrorCapture } from '../http/route.js';
import type { Integration } from '../integration.js';
import { contextAsyncHooks, core, instrumentationBase, sdkTrace } from '../lazyPackages.js';
import { createBatchSpanProcessor } from './createBatchSpanProcessor.js';
import { createSampler } from './createSampler.js';
import { createSpanExporter } from './createSpanExporter.js';
import { exporterTimeout } from './exporterTimeout.js';
import { flattenTruncatedAttributes } from './flattenTruncatedAttributes.js';
import { selectInstrumentations } from './instrumentationCatalog.js';
import { lazySpanExporter } from './lazySpanExporter.js';
import { loadInstrumentationClass, presentEntries } from './loadInstrumentations.js';
import { undiciUrlRedactor } from './redactUrl.js';
import { serialExports } from './serialExports.js';
import { finishServerSpan } from './serverSpanHooks.js';

/** Bounds on span attributes, so a hostile or buggy value cannot hold megabytes per span. */
const SPAN_LIMITS = Object.freeze({
  attributeValueLengthLimit: 4096,
  attributeCountLimit: 128,
  eventCountLimit: 128,
  linkCountLimit: 128,
});

/**
 * Query parameters whose values are credentials (pre-signed URLs of AWS, GCS, Azure...): replaced by
 * REDACTED in `url.full` and `url.query`, on client (node:http and fetch) and server spans.
 */
export const REDACTED_QUERY_PARAMS: readonly string[] = Object.freeze([
  'AWSAccessKeyId',
  'Signature',
  'sig',
  'X-Goog-Signature',
  'X-Goog-Credential',
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'token',
  'access_token',
  'api_key',
  'apikey',
]);

/** Instrumentations record their own HTTP metrics; signalkit's recorder already does, so theirs go nowhere. */
const NOOP_METER_PROVIDER: MeterProvider = { getMeter: () => createNoopMeter() };

export interface TracingPipeline {
  readonly tracerProvider: TracerProvider;
  readonly integration: Integration;
  /** Names of the instrumentations loaded. */
  readonly instrumentations: readonly string[];
}

/** signalkit's settings for an instrumentation: redaction of credentials in URLs, its own server ignored. */
function instrumentationConfig(
  name: string,
  isOwnServer: (server: Server) => boolean,
): InstrumentationConfig {
  if (name === 'undici')
    return { startSpanHook: undiciUrlRedactor(REDACTED_QUERY_PARAMS) } as InstrumentationConfig;
  if (name !== 'http') return {};
  return {
    redactedQueryParams: [...REDACTED_QUERY_PARAMS],
    redactedQueryParamsServer: [...REDACTED_QUERY_PARAMS],
    ignoreIncomingRequestHook: (request: IncomingMessage) => {
      const server = (request.socket as { server?: Server } | undefined)?.server;
      return server !== undefined && isOwnServer(server);
    },
    applyCustomAttributesOnSpan: (span: Parameters<typeof finishServerSpan>[0], request: unknown) =>
      finishServerSpan(span, request),
  } as InstrumentationConfig;
}

function propagatorFor(names: readonly ('tracecontext' | 'baggage')[]): TextMapPropagator {
  const { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } = core();
  const propagators: TextMapPropagator[] = [];
  if (names.includes('tracecontext')) propagators.push(new W3CTraceContextPropagator());
  if (names.includes('baggage')) propagators.push(new W3CBaggagePropagator());
  return new CompositePropagator({ propagators });
}

/**
 * Wires tracing: the context manager, the propagators, a TracerProvider with a bounded batch processor
 * and the OTLP exporter (their self-metrics on the golden-signal MeterProvider), and the curated
 * instrumentations. Server spans are named from signalkit's route capture.
 */
export function startTracing(
  traces: ResolvedTraces,
  resource: Resource,
  selfObsMeterProvider: MeterProvider,
  diagnostics: Diagnostics,
  isOwnServer: (server: Server) => boolean,
): TracingPipeline {
  const { AsyncLocalStorageContextManager } = contextAsyncHooks();
  const { registerInstrumentations } = instrumentationBase();
  const { TracerProvider } = sdkTrace();
  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(propagatorFor(traces.propagators));

  const exporter = lazySpanExporter(() =>
    createSpanExporter({ ...traces.exporter, timeoutMillis: exporterTimeout(traces) }, selfObsMeterProvider),
  );
  serialExports(exporter, traces.batch.maxQueueSize);
  const processor = createBatchSpanProcessor({ exporter, ...traces.batch, selfObsMeterProvider });
  const tracerProvider = new TracerProvider({
    resource,
    sampler: createSampler(traces.sampler, traces.sampleRatio),
    spanLimits: SPAN_LIMITS,
    spanProcessors: [flattenTruncatedAttributes(SPAN_LIMITS.attributeValueLengthLimit), processor],
  });
  if (!trace.setGlobalTracerProvider(tracerProvider)) {
    diagnostics.warn(
      'global-tracer',
      'another global TracerProvider is already set; spans may not be exported',
    );
  }

  const { selected, unknown } = selectInstrumentations(
    traces.enabledInstrumentations,
    traces.disabledInstrumentations,
  );
  if (unknown.length > 0) {
    diagnostics.warn('instrumentations', `unknown instrumentation names ignored: ${unknown.join(', ')}`);
  }
  const instrumentations: Instrumentation[] = [];
  const loaded: string[] = [];
  for (const entry of presentEntries(selected)) {
    try {
      const Instrumentation = loadInstrumentationClass(entry);
      const config = instrumentationConfig(entry.name, isOwnServer);
      instrumentations.push(new Instrumentation(config));
      loaded.push(entry.name);
    } catch (error) {
      diagnostics.warn(
        `instrumentation:${entry.name}`,
        `instrumentation ${entry.name} not loaded: ${String(error)}`,
      );
    }
  }

  let unregister: (() => void) | undefined;
  const integration: Integration = {
    name: 'traces',
    start() {
      setErrorCapture(true);
      unregister = registerInstrumentations({
        instrumentations,
        tracerProvider,
        meterProvider: NOOP_METER_PROVIDER,
      });
      // The http instrumentation patches a module when it is required. When initObservability() runs
      // after the app loaded node:http (or signalkit did), no later require would come: make one.
      const require = createRequire(import.meta.url);
      require('node:http');
      require('node:https');
    },
    stop() {
      setErrorCapture(false);
      unregister?.();
      unregister = undefined;
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
  return { tracerProvider, integration, instrumentations: loaded };
}
