import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { Logger } from '@opentelemetry/api';
import type * as Core from '@opentelemetry/core';
import type * as HttpExporter from '@opentelemetry/exporter-logs-otlp-http';
import type * as ProtoExporter from '@opentelemetry/exporter-logs-otlp-proto';
import type * as Resources from '@opentelemetry/resources';
import type * as SdkLogs from '@opentelemetry/sdk-logs';
import { backgroundAgentFactory, patchRetryingTransport, settleWithin } from '@signalkit/node/internal';
import type { ResolvedOtlp, ResolvedRecordConfig } from '../config/resolveConfig.js';
import { deferredCounters } from '../metrics/DeferredCounters.js';
import { selfObservabilityMeterProvider } from '../metrics/selfObservability.js';
import { VERSION } from '../version.js';
import { describeTarget, ReportingExporter } from './ReportingExporter.js';

/** An OTLP log pipeline: a LoggerProvider with one batch processor and the OTLP/HTTP exporter. */
export interface LogPipeline {
  readonly logger: Logger;
  /** Exports what is queued; bounded; never rejects. */
  forceFlush(timeoutMillis: number): Promise<void>;
  /** Flushes and stops; bounded; never rejects; later calls share the first. */
  shutdown(timeoutMillis: number): Promise<void>;
}

type ExporterConfig = NonNullable<ConstructorParameters<typeof ProtoExporter.OTLPLogExporter>[0]>;

/**
 * Builds the pipeline. The OpenTelemetry packages are loaded here, on first use, not when the package is
 * imported: an app that never exports logs never loads them. `exporter` replaces the OTLP exporter (tests).
 */
export function createLogPipeline(
  otlp: ResolvedOtlp,
  record: ResolvedRecordConfig,
  exporter?: SdkLogs.LogRecordExporter,
): LogPipeline {
  const load = createRequire(import.meta.url);
  const sdkLogs = load('@opentelemetry/sdk-logs') as typeof SdkLogs;
  const core = load('@opentelemetry/core') as typeof Core;
  const resources = load('@opentelemetry/resources') as typeof Resources;
  const selfObs = selfObservabilityMeterProvider(deferredCounters());

  const config: ExporterConfig = {
    url: otlp.endpoint,
    headers: { ...otlp.headers },
    timeoutMillis: otlp.timeoutMillis,
    compression: otlp.compression as NonNullable<ExporterConfig['compression']>,
    selfObsMeterProvider: selfObs,
    // As for @signalkit/node's spans: sockets that never keep a finished process alive.
    httpAgentOptions: backgroundAgentFactory(),
  };
  let otlpExporter = exporter;
  if (otlpExporter === undefined) {
    otlpExporter =
      otlp.protocol === 'http/json'
        ? new (load('@opentelemetry/exporter-logs-otlp-http') as typeof HttpExporter).OTLPLogExporter(config)
        : new (load('@opentelemetry/exporter-logs-otlp-proto') as typeof ProtoExporter).OTLPLogExporter(
            config,
          );
    // A Retry-After that is no delay falls back to the backoff; retry waits are unref'd.
    patchRetryingTransport(otlpExporter);
  }

  const processor = new sdkLogs.BatchLogRecordProcessor({
    exporter: new ReportingExporter(otlpExporter, describeTarget(otlp.endpoint), {
      success: core.ExportResultCode.SUCCESS,
      failed: core.ExportResultCode.FAILED,
    }),
    maxQueueSize: otlp.maxQueueSize,
    maxExportBatchSize: otlp.maxExportBatchSize,
    scheduledDelayMillis: otlp.scheduledDelayMillis,
    exportTimeoutMillis: otlp.exportTimeoutMillis,
    selfObsMeterProvider: selfObs,
  });
  const provider = new sdkLogs.LoggerProvider({
    resource: resources.resourceFromAttributes({
      ...core.SDK_INFO,
      'telemetry.distro.name': 'signalkit',
      'telemetry.distro.version': VERSION,
      'host.name': hostname(),
      'process.pid': process.pid,
      'process.runtime.name': 'nodejs',
      'process.runtime.version': process.versions.node,
      ...record.resourceAttributes,
      'service.name': record.serviceName,
    }),
    processors: [processor],
  });

  let shutdownPromise: Promise<void> | undefined;
  return {
    logger: provider.getLogger('@signalkit/winston', VERSION),
    async forceFlush(timeoutMillis) {
      if (shutdownPromise !== undefined) return shutdownPromise;
      await settleWithin(
        Promise.resolve().then(() => provider.forceFlush()),
        timeoutMillis,
      );
    },
    shutdown(timeoutMillis) {
      shutdownPromise ??= settleWithin(
        Promise.resolve().then(() => provider.shutdown()),
        timeoutMillis,
      ).then(() => undefined);
      return shutdownPromise;
    },
  };
}
