import { describeError } from '@signalkit/node/internal';
import type { Logform } from 'winston';
import type { RecordOptions } from '../config/options.js';
import { reportProblems } from '../config/reportProblems.js';
import {
  type ResolvedRecordConfig,
  resolveDiagnosticsLevel,
  resolveRecordConfig,
} from '../config/resolveConfig.js';
import { diagnostics } from '../diagnostics/diagnostics.js';
import { buildRecord, RECORD } from './buildRecord.js';
import { toJsonLine } from './jsonLine.js';

const MESSAGE = Symbol.for('message');
const LEVEL = Symbol.for('level');

/**
 * Formats a record as one JSON line, kept in `info[Symbol.for('message')]` where winston transports read
 * it: ISO `timestamp`, `level`, `message`, `service.name`, the resource attributes and, inside a span,
 * `trace_id`, `span_id` and `trace_flags`; errors as `exception.type`, `exception.message`,
 * `exception.stacktrace` and `cause`; metadata redacted and bounded. Never throws: a record it cannot
 * build is written as a minimal line and reported once on stderr.
 */
export function createRecordFormat(config: ResolvedRecordConfig): Logform.Format {
  return {
    transform(info) {
      const target = info as unknown as Record<symbol, unknown>;
      try {
        const record = buildRecord(info, config);
        target[RECORD] = record;
        target[MESSAGE] = toJsonLine(record, config);
      } catch (error) {
        diagnostics.error('format', `a log record could not be formatted: ${describeError(error)}`);
        target[MESSAGE] = JSON.stringify({
          timestamp: new Date().toISOString(),
          level: typeof target[LEVEL] === 'string' ? target[LEVEL] : 'info',
          message: '[signalkit: unserializable log record]',
          'service.name': config.serviceName,
        });
      }
      return info;
    },
  };
}

/**
 * The signalkit format for a winston logger you already have: put it on the logger (not on a transport),
 * with the transports after it. Options win over the environment (`OTEL_SERVICE_NAME`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `SIGNALKIT_LOG_REDACT_KEYS`).
 *
 * @example
 * const logger = winston.createLogger({ format: signalkitFormat(), transports: [new winston.transports.Console()] });
 */
export function signalkitFormat(options: RecordOptions = {}): Logform.Format {
  const { config, problems } = resolveRecordConfig(options);
  diagnostics.setLevel(resolveDiagnosticsLevel(options));
  reportProblems(problems);
  return createRecordFormat(config);
}
