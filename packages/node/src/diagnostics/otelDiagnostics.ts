import { DiagLogLevel, diag } from '@opentelemetry/api';
import type { DiagnosticsLevel } from '../config/options.js';
import type { Diagnostics } from './diagnostics.js';

const OTEL_DIAG_LEVEL: Record<DiagnosticsLevel, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * The rate-limiting key of an SDK message: its start with the numbers taken out, so that "Dropped 1113
 * spans because maxQueueSize reached" and "Dropped 971 spans ..." are one message a minute, not one each.
 */
export function otelDiagKey(args: readonly unknown[]): string {
  return `otel:${String(args[0]).slice(0, 80).replace(/\d+/g, '#')}`;
}

/** Routes the OpenTelemetry SDK's own messages through signalkit's rate-limited diagnostics. */
export function routeOtelDiagnostics(diagnostics: Diagnostics, level: DiagnosticsLevel): void {
  const line = (args: unknown[]) => args.map(String).join(' ');
  diag.setLogger(
    {
      error: (...args) => diagnostics.error(otelDiagKey(args), line(args)),
      warn: (...args) => diagnostics.warn(otelDiagKey(args), line(args)),
      info: (...args) => diagnostics.info(otelDiagKey(args), line(args)),
      debug: (...args) => diagnostics.debug(otelDiagKey(args), line(args)),
      verbose: (...args) => diagnostics.debug(otelDiagKey(args), line(args)),
    },
    { logLevel: OTEL_DIAG_LEVEL[level], suppressOverrideMessage: true },
  );
}
