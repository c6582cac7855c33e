// Does to winston what @opentelemetry/instrumentation-winston does when active (its default config):
// `configure` appends an OpenTelemetryTransportV3 that sends each record to the global LoggerProvider, and
// `write` injects trace_id/span_id/trace_flags and keeps the active context on the record. (The real
// instrumentation needs @opentelemetry/winston-transport, not installed here; the patch mirrors
// instrumentation-winston 0.69 `_getPatchedConfigure`/`_getPatchedWrite`.)
const TransportStream = require('winston-transport');
const Logger = require('winston/lib/winston/logger');
const { context, trace, isSpanContextValid } = require('@opentelemetry/api');
const { installTracing } = require('../../support/tracing.cjs');

const inSpan = installTracing();
let upstreamRecords = 0;

class OpenTelemetryTransportV3 extends TransportStream {
  log(_info, callback) {
    upstreamRecords++;
    callback();
  }
}

const configure = Logger.prototype.configure;
Logger.prototype.configure = function patchedConfigure(options) {
  if (options) {
    const list = Array.isArray(options.transports)
      ? options.transports
      : options.transports
        ? [options.transports]
        : [];
    options.transports = [...list, new OpenTelemetryTransportV3()];
  }
  return configure.call(this, options);
};
const write = Logger.prototype.write;
Logger.prototype.write = function patchedWrite(record, ...rest) {
  record[Symbol.for('opentelemetry.js.contrib.winston.context')] = context.active();
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    Object.assign(record, {
      trace_id: spanContext.traceId,
      span_id: spanContext.spanId,
      trace_flags: `0${spanContext.traceFlags.toString(16)}`,
    });
  }
  return write.call(this, record, ...rest);
};

const { createLogger, shutdownLogger } = require('@signalkit/winston');
const logger = createLogger();

async function main() {
  for (let i = 0; i < 5; i++) await inSpan('work', async () => logger.info(`record ${i}`));
  await shutdownLogger(logger);
  process.stderr.write(`upstream transport records: ${upstreamRecords}\n`);
}
main();
