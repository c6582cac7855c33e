import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { context } from '@opentelemetry/api';
import type { Integration } from '../integration.js';
import type { GoldenSignalRecorder } from '../metrics/GoldenSignalRecorder.js';
import { methodIndex } from '../metrics/httpMethods.js';
import { parseServerAddress } from './serverAddress.js';
import { isTracingSuppressed } from './tracingSuppressed.js';

const START = Symbol('signalkit.client.start');

interface TrackedRequest extends ClientRequest {
  [START]?: number | undefined;
}

/** The type recorded in `error.type` for a failed request: the error code when Node gives one. */
export function errorTypeOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code;
    if (typeof name === 'string' && /^[A-Za-z0-9_.]{1,64}$/.test(name)) return name;
  }
  return '_OTHER';
}

/** `http.client.request.duration` for `node:http`/`node:https` requests, from diagnostics channels. */
export function httpClientIntegration(recorder: GoldenSignalRecorder): Integration {
  function onStart(message: unknown): void {
    // The OTLP exporters send with tracing suppressed: their requests are signalkit's, not the app's.
    if (isTracingSuppressed(context.active())) return;
    const { request } = message as { request: TrackedRequest };
    request[START] = performance.now();
  }

  function record(request: TrackedRequest, outcome: number | string): void {
    const start = request[START];
    if (start === undefined) return;
    request[START] = undefined;
    const hostHeader = request.getHeader('host');
    const address = parseServerAddress(
      typeof hostHeader === 'string' ? hostHeader : request.host,
      request.protocol,
    );
    if (address === undefined) return;
    recorder.client
      .series(methodIndex(request.method), address.host, address.port, outcome)
      .record((performance.now() - start) / 1000);
  }

  function onResponse(message: unknown): void {
    const { request, response } = message as { request: TrackedRequest; response: IncomingMessage };
    record(request, response.statusCode ?? 0);
  }

  function onError(message: unknown): void {
    const { request, error } = message as { request: TrackedRequest; error: unknown };
    record(request, errorTypeOf(error));
  }

  return {
    name: 'http-client',
    start() {
      diagnosticsChannel.subscribe('http.client.request.start', onStart);
      diagnosticsChannel.subscribe('http.client.response.finish', onResponse);
      diagnosticsChannel.subscribe('http.client.request.error', onError);
    },
    stop() {
      diagnosticsChannel.unsubscribe('http.client.request.start', onStart);
      diagnosticsChannel.unsubscribe('http.client.response.finish', onResponse);
      diagnosticsChannel.unsubscribe('http.client.request.error', onError);
    },
  };
}
