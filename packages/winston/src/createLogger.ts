import { invalidOption } from '@signalkit/node/internal';
import winston, { type Logger } from 'winston';
import type TransportStream from 'winston-transport';
import type { LoggerOptions } from './config/options.js';
import { reportProblems } from './config/reportProblems.js';
import { resolveLoggerConfig } from './config/resolveConfig.js';
import { diagnostics } from './diagnostics/diagnostics.js';
import { createRecordFormat } from './format/signalkitFormat.js';
import { guardLogger } from './logger/guardLogger.js';
import { removeUpstreamTransports } from './logger/upstreamTransports.js';
import { LogRecordCounter } from './transports/LogRecordCounter.js';
import { otlpTransportFromConfig } from './transports/OtlpLogTransport.js';

/**
 * A winston logger that writes one JSON line per record on stdout, with the trace id of the span it was
 * written in, sends the records over OTLP when asked (`OTEL_LOGS_EXPORTER=otlp` or `otlp: true`), and
 * counts them by level in `log.records` on the global MeterProvider (`log_records_total` on
 * @signalkit/node's Prometheus endpoint). Works with or without @signalkit/node.
 *
 * Reads the environment once, here; `options` win over it. A bad environment value is one line on stderr
 * and falls back (OTLP export turns off); options of the wrong type throw a {@link SignalkitError}.
 *
 * @example
 * const logger = createLogger({ serviceName: 'orders' });
 * logger.info('order placed', { orderId: 42 });
 * // {"timestamp":"2025-01-01T12:00:00.000Z","level":"info","message":"order placed","service.name":"orders","orderId":42}
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { config, problems } = resolveLoggerConfig(options);
  if (options.transports !== undefined && !Array.isArray(options.transports))
    throw invalidOption('createLogger', 'transports', 'an array of winston transports', options.transports);
  diagnostics.setLevel(config.logLevel);
  reportProblems(problems);

  const transports: TransportStream[] = [];
  if (options.stdout !== false)
    transports.push(new winston.transports.Console({ stderrLevels: [], consoleWarnLevels: [] }));
  if (config.otlp !== undefined) transports.push(otlpTransportFromConfig(config));
  transports.push(new LogRecordCounter());
  transports.push(...(options.transports ?? []));

  const logger = winston.createLogger({
    level: config.level,
    levels: winston.config.npm.levels,
    format: createRecordFormat(config.record),
    transports,
    ...(options.defaultMeta === undefined ? {} : { defaultMeta: options.defaultMeta }),
  });
  // Added by @opentelemetry/instrumentation-winston while winston configured the logger, just now.
  if (config.otlp !== undefined) removeUpstreamTransports(logger);
  guardLogger(logger);
  return logger;
}
