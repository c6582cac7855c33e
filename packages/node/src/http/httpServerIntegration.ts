import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Integration } from '../integration.js';
import type { GoldenSignalRecorder } from '../metrics/GoldenSignalRecorder.js';
import { methodIndex } from './methods.js';
import { ROUTE } from './route.js';

const START = Symbol('signalkit.server.start');
const METHOD = Symbol('signalkit.server.method');

interface TrackedRequest extends IncomingMessage {
  [START]?: number | undefined;
  [METHOD]?: number;
  [ROUTE]?: string;
}

interface ServerMessage {
  request: TrackedRequest;
  response: ServerResponse;
  server: Server;
}

/**
 * Server golden signals from `node:diagnostics_channel` (no patching): `http.server.request.duration`
 * and `http.server.active_requests`. The route template is read from the request (see routes/), never
 * derived from the URL. `isOwnServer` excludes signalkit's own endpoint from the signals.
 */
export function httpServerIntegration(
  recorder: GoldenSignalRecorder,
  isOwnServer: (server: Server) => boolean,
): Integration {
  function onRequestStart(message: unknown): void {
    const { request, response, server } = message as ServerMessage;
    if (isOwnServer(server)) return;
    const method = methodIndex(request.method);
    request[START] = performance.now();
    request[METHOD] = method;
    recorder.requestStarted(method);
    // 'finish' never comes for an aborted response; 'close' always does.
    response.on('close', onResponseClose);
  }

  function onResponseFinish(message: unknown): void {
    const { request, response } = message as ServerMessage;
    const start = request[START];
    if (start === undefined) return;
    request[START] = undefined;
    const method = request[METHOD] as number;
    recorder.requestEnded(method);
    recorder.server
      .series(method, request[ROUTE], response.statusCode, undefined)
      .record((performance.now() - start) / 1000);
  }

  function onResponseClose(this: ServerResponse): void {
    const request = this.req as TrackedRequest | undefined;
    if (request === undefined || request[START] === undefined) return;
    // Closed before it finished: the client went away. It is no longer in flight; no duration is recorded.
    request[START] = undefined;
    recorder.requestEnded(request[METHOD] as number);
  }

  return {
    name: 'http-server',
    start() {
      diagnosticsChannel.subscribe('http.server.request.start', onRequestStart);
      diagnosticsChannel.subscribe('http.server.response.finish', onResponseFinish);
    },
    stop() {
      diagnosticsChannel.unsubscribe('http.server.request.start', onRequestStart);
      diagnosticsChannel.unsubscribe('http.server.response.finish', onResponseFinish);
    },
  };
}
