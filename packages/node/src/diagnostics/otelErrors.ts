import { core } from '../lazyPackages.js';
import type { Diagnostics } from './diagnostics.js';

/** Longest error message quoted in a diagnostic; a collector's answer can be megabytes. */
const MAX_MESSAGE = 200;

/**
 * One short line for an error the OpenTelemetry SDK hands its global error handler (a failed span batch,
 * a failed metric push...): the error's name, the start of its message and the HTTP status when there is
 * one. Never its stack, nor the collector's response body (which may echo request headers back).
 */
export function describeOtelError(error: unknown): { key: string; line: string } {
  if (typeof error === 'string') {
    const text = error.slice(0, MAX_MESSAGE);
    return { key: `otel-error:${text.slice(0, 60)}`, line: `OpenTelemetry SDK error: ${text}` };
  }
  const { name, message, code } = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown };
  const kind = typeof name === 'string' && name !== '' ? name.slice(0, 60) : 'Error';
  const text = typeof message === 'string' ? message.slice(0, MAX_MESSAGE) : '';
  const status =
    (typeof code === 'number' || typeof code === 'string') && /^[1-5]\d\d$/.test(String(code))
      ? ` (HTTP ${code})`
      : '';
  return {
    key: `otel-error:${kind}:${text.slice(0, 60)}`,
    line: `OpenTelemetry export or SDK error: ${kind}: ${text}${status}; the app keeps running, what could not be exported is counted in the otel_sdk_* metrics`,
  };
}

/**
 * Routes the SDK's global error handler (which by default prints the whole error as JSON, stack and response
 * body included) through signalkit's rate-limited diagnostics, one short line per kind of error a minute.
 * Called when the SDK is first loaded (it loads @opentelemetry/core); calling it again is harmless.
 */
export function routeOtelErrors(diagnostics: Diagnostics): void {
  core().setGlobalErrorHandler((error) => {
    const { key, line } = describeOtelError(error);
    diagnostics.warn(key, line);
  });
}
