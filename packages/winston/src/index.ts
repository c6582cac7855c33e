// The class @signalkit/node throws too: one `instanceof SignalkitError` check covers both packages.
export { SignalkitError, type SignalkitErrorCode } from '@signalkit/node/internal';
export type {
  DiagnosticsLevel,
  LoggerOptions,
  NpmLevel,
  OtlpLogOptions,
  OtlpProtocol,
  OtlpTransportOptions,
  RecordLimits,
  RecordOptions,
} from './config/options.js';
export { DEFAULT_LIMITS, DEFAULT_REDACT_KEYS } from './config/resolveConfig.js';
export { createLogger } from './createLogger.js';
export { signalkitFormat } from './format/signalkitFormat.js';
export { severityOf } from './otlp/severity.js';
export { shutdownLogger } from './shutdownLogger.js';
export { LogRecordCounter } from './transports/LogRecordCounter.js';
export { type FlushOptions, OtlpLogTransport } from './transports/OtlpLogTransport.js';
export { VERSION } from './version.js';
