/**
 * Two fixes under the retries of an upstream OTLP/HTTP exporter (`OTLPExporterBase` -> export delegate ->
 * retrying transport -> HTTP transport), for traces and metrics alike:
 *
 * - `Retry-After`: the HTTP transport reads it as a delay; when the header is garbage, `0`, negative or a
 *   date in the past it yields 0 or -1 ms, and the retrying transport then sends the same batch again at
 *   once, five times in a row, to a server that just said it is overloaded (and Node prints a
 *   TimeoutNegativeWarning for -1 on the app's stderr). A `Retry-After` that is not a delay in the future is
 *   treated as absent, so the exponential backoff applies (1 s, then x1.5 with ±20% jitter, at most 5 s).
 *   A positive delay, in seconds or as an HTTP date, is honoured as before.
 * - The wait before a retry is an unref'd timer: a retry pending against a collector that is down must
 *   not keep a process that has finished its work alive (upstream's timer is ref'd).
 *
 * These are the SDK's internal fields: when their shape is not the expected one (another version), the
 * exporter is left as it is and false is returned; a unit test pins the version signalkit ships with.
 */

/** What a transport of `@opentelemetry/otlp-exporter-base` answers (its `ExportResponse`). */
export interface ExportResponse {
  readonly status: 'success' | 'failure' | 'retryable';
  readonly retryInMillis?: number;
}

export interface Transport {
  send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse>;
  shutdown(): void;
}

interface RetryingTransport extends Transport {
  _transport: Transport;
  retry(data: Uint8Array, timeoutMillis: number, inMillis: number): Promise<ExportResponse>;
}

function isTransport(value: unknown): value is Transport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Transport).send === 'function' &&
    typeof (value as Transport).shutdown === 'function'
  );
}

/** A transport whose retryable answers carry only a usable delay (> 0 ms), or none. */
export function withSaneRetryAfter(inner: Transport): Transport {
  return {
    async send(data, timeoutMillis) {
      const response = await inner.send(data, timeoutMillis);
      if (response.status !== 'retryable' || response.retryInMillis === undefined) return response;
      if (response.retryInMillis > 0) return response;
      const { retryInMillis: _ignored, ...rest } = response;
      return rest;
    },
    shutdown: () => inner.shutdown(),
  };
}

export function patchRetryingTransport(exporter: object): boolean {
  const delegate = (exporter as { _delegate?: { _transport?: unknown } })._delegate;
  const retrying = delegate?._transport as Partial<RetryingTransport> | undefined;
  if (!isTransport(retrying)) return false;
  const patched = retrying as RetryingTransport;
  if (!isTransport(patched._transport) || typeof patched.retry !== 'function') return false;
  patched._transport = withSaneRetryAfter(patched._transport);
  patched.retry = (data, timeoutMillis, inMillis) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        patched._transport.send(data, timeoutMillis).then(resolve, reject);
      }, inMillis);
      timer.unref();
    });
  return true;
}
