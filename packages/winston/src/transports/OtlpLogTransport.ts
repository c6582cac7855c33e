import type { Attributes } from '@opentelemetry/api';
import { describeError } from '@signalkit/node/internal';
import TransportStream from 'winston-transport';
import type { OtlpTransportOptions } from '../config/options.js';
import { reportProblems } from '../config/reportProblems.js';
import { type ResolvedLoggerConfig, resolveLoggerConfig } from '../config/resolveConfig.js';
import { diagnostics } from '../diagnostics/diagnostics.js';
import { buildRecord, type LogRecordData, RECORD } from '../format/buildRecord.js';
import { removeUpstreamTransports } from '../logger/upstreamTransports.js';
import { createLogPipeline, type LogPipeline } from '../otlp/createLogPipeline.js';
import { severityOf } from '../otlp/severity.js';

/** Marks signalkit's OTLP transports, across the CommonJS and ESM builds of the package. */
export const OTLP_TRANSPORT: unique symbol = Symbol.for('signalkit.winston.otlpTransport');

/** Set by {@link otlpTransportFromConfig} for the one constructor call it makes (createLogger's config). */
let resolvedForNext: ResolvedLoggerConfig | undefined;

export interface FlushOptions {
  /** Upper bound in milliseconds; default the configured shutdown timeout (5000). */
  timeoutMillis?: number;
}

interface ParentLogger {
  readonly transports: readonly unknown[];
  remove(transport: unknown): unknown;
}

/**
 * A winston transport that sends every record over OTLP/HTTP (protobuf, or JSON with `protocol:
 * 'http/json'`) through the OpenTelemetry logs SDK: batch processor with a bounded queue (drops counted),
 * severity number and text from the level, body = message, attributes = the cleaned metadata and
 * exception, and the trace context of the span the record was written in.
 *
 * Use it on a logger of your own together with {@link signalkitFormat} (which builds the record once for
 * every transport; without it the transport cleans the record itself). Export is on unless
 * `enabled: false`; the environment (`OTEL_EXPORTER_OTLP_*`, `OTEL_BLRP_*`) fills what the options leave.
 * Nothing it does throws or emits `error`: failures are one rate-limited line on stderr.
 * `logger.close()` flushes it (bounded); so does {@link shutdownLogger}, which waits for the flush.
 */
export class OtlpLogTransport extends TransportStream {
  readonly name = 'signalkit-otlp';
  readonly [OTLP_TRANSPORT] = true;
  private readonly config: ResolvedLoggerConfig;
  private readonly pipeline: LogPipeline | undefined;
  private seenTransports = -1;

  constructor(options: OtlpTransportOptions = {}) {
    super(options.level === undefined ? {} : { level: options.level });
    const resolved = resolvedForNext;
    resolvedForNext = undefined;
    if (resolved !== undefined) {
      this.config = resolved;
    } else {
      const { level: _level, ...rest } = options;
      const { config, problems } = resolveLoggerConfig({ ...rest, otlpOptions: rest }, 'on');
      diagnostics.setLevel(config.logLevel);
      reportProblems(problems);
      this.config = config;
    }
    this.pipeline = this.start();
  }

  private start(): LogPipeline | undefined {
    const otlp = this.config.otlp;
    if (otlp === undefined) return undefined;
    try {
      return createLogPipeline(otlp, this.config.record);
    } catch (error) {
      diagnostics.error('otlp-start', `OTLP log export could not start: ${describeError(error)}; it is off`);
      return undefined;
    }
  }

  /** Whether records are exported (false when the configuration turned export off). */
  get active(): boolean {
    return this.pipeline !== undefined;
  }

  override log(info: object, callback: () => void): void {
    try {
      if (this.pipeline !== undefined) {
        this.dropUpstreamDuplicates();
        const built = (info as Record<symbol, unknown>)[RECORD] as LogRecordData | undefined;
        const record = built ?? buildRecord(info, this.config.record);
        this.pipeline.logger.emit({
          timestamp: new Date(record.time),
          severityNumber: severityOf(record.level, (this as { levels?: Record<string, number> }).levels),
          severityText: record.level,
          body: record.message,
          attributes: { ...record.metadata, ...record.exception } as Attributes,
          context: record.context,
        });
      }
    } catch (error) {
      diagnostics.warn(
        'otlp-emit',
        `a log record could not be queued for OTLP export: ${describeError(error)}`,
      );
    }
    callback();
  }

  /** Exports what is queued now; bounded; never rejects. */
  async forceFlush(options: FlushOptions = {}): Promise<void> {
    await this.pipeline?.forceFlush(options.timeoutMillis ?? this.config.shutdownTimeoutMillis);
  }

  /** Flushes and stops the export; bounded; never rejects. Later calls share the first. */
  async shutdown(options: FlushOptions = {}): Promise<void> {
    await this.pipeline?.shutdown(options.timeoutMillis ?? this.config.shutdownTimeoutMillis);
  }

  /** winston calls it when the transport is removed or the logger closed: flush, bounded, in the background. */
  override close(): void {
    void this.shutdown();
  }

  /** When the logger's transports changed, takes off an upstream OpenTelemetry transport (see upstreamTransports). */
  private dropUpstreamDuplicates(): void {
    const parent = (this as unknown as { parent?: ParentLogger | null }).parent;
    if (parent === undefined || parent === null || !Array.isArray(parent.transports)) return;
    if (parent.transports.length === this.seenTransports) return;
    removeUpstreamTransports(parent);
    this.seenTransports = parent.transports.length;
  }
}

/** Internal: the transport createLogger adds, from its resolved configuration. */
export function otlpTransportFromConfig(config: ResolvedLoggerConfig): OtlpLogTransport {
  resolvedForNext = config;
  try {
    return new OtlpLogTransport();
  } finally {
    resolvedForNext = undefined;
  }
}
