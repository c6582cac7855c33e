import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Integration } from '../integration.js';
import type { GoldenSignalRecorder } from '../metrics/GoldenSignalRecorder.js';
import { methodIndex } from '../metrics/httpMethods.js';
import { ROUTE } from './route.js';

interface ServerMessage {
  request: IncomingMessage & { [ROUTE]?: string };
  response: ServerResponse;
  server: Server;
}

/**
 * Server golden signals from `node:diagnostics_channel` (no patching): `http.server.request.duration`
 * and `http.server.active_requests`. The route template is read from the request (see routes/), never
 * derived from the URL. `isOwnServer` excludes signalkit's own endpoint from the signals.
 *
 * A request's start time lives in its 'close' listener, not on the request: a property added to the
 * request before Express replaces its prototype cost Express apps about a sixth of their throughput
 * (bench: express/signalkit-metrics 0.83 of bare with two symbol properties, ~1.0 without).
 */
export function httpServerIntegration(
  recorder: GoldenSignalRecorder,
  isOwnServer: (server: Server) => boolean,
): Integration {
  function onRequestStart(message: unknown): void {
    const { request, response, server } = message as ServerMessage;
    if (isOwnServer(server)) return;
    const method = methodIndex(request.method);
    const start = performance.now();
    recorder.requestStarted(method);
    // 'close' comes for every response (after 'finish', or alone when the client went away).
    response.on('close', () => {
      recorder.requestEnded(method);
      // Closed before it finished: the client went away. No duration is recorded.
      if (!response.writableFinished) return;
      recorder.server
        .series(method, request[ROUTE], response.statusCode, undefined)
        .record((performance.now() - start) / 1000);
    });
  }

  return {
    name: 'http-server',
    start() {
      diagnosticsChannel.subscribe('http.server.request.start', onRequestStart);
    },
    stop() {
      diagnosticsChannel.unsubscribe('http.server.request.start', onRequestStart);
    },
  };
}
