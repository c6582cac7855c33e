import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { context } from '@opentelemetry/api';
import type { Integration } from '../integration.js';
import type { GoldenSignalRecorder } from '../metrics/GoldenSignalRecorder.js';
import { methodIndex } from '../metrics/httpMethods.js';
import { errorTypeOf } from './httpClientIntegration.js';
import { parseServerAddress } from './serverAddress.js';
import { isTracingSuppressed } from './tracingSuppressed.js';

const START = Symbol('signalkit.fetch.start');

/** The fields of undici's request object that the channels hand out and that are read here. */
interface UndiciRequest {
  method?: string;
  origin?: string | URL;
  [START]?: number | undefined;
}

/** `http.client.request.duration` for `fetch` (undici), from undici's diagnostics channels. */
export function fetchIntegration(recorder: GoldenSignalRecorder): Integration {
  function onCreate(message: unknown): void {
    if (isTracingSuppressed(context.active())) return;
    const { request } = message as { request: UndiciRequest };
    request[START] = performance.now();
  }

  function record(request: UndiciRequest, outcome: number | string): void {
    const start = request[START];
    if (start === undefined || request.origin === undefined) return;
    request[START] = undefined;
    const address = parseServerAddress(String(request.origin));
    if (address === undefined) return;
    recorder.client
      .series(methodIndex(request.method), address.host, address.port, outcome)
      .record((performance.now() - start) / 1000);
  }

  function onHeaders(message: unknown): void {
    const { request, response } = message as { request: UndiciRequest; response: { statusCode?: number } };
    record(request, response.statusCode ?? 0);
  }

  function onError(message: unknown): void {
    const { request, error } = message as { request: UndiciRequest; error: unknown };
    record(request, errorTypeOf(error));
  }

  return {
    name: 'fetch',
    start() {
      diagnosticsChannel.subscribe('undici:request:create', onCreate);
      diagnosticsChannel.subscribe('undici:request:headers', onHeaders);
      diagnosticsChannel.subscribe('undici:request:error', onError);
    },
    stop() {
      diagnosticsChannel.unsubscribe('undici:request:create', onCreate);
      diagnosticsChannel.unsubscribe('undici:request:headers', onHeaders);
      diagnosticsChannel.unsubscribe('undici:request:error', onError);
    },
  };
}
