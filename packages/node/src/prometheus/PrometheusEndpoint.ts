import cluster from 'node:cluster';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Attributes } from '@opentelemetry/api';
import type { MetricReader, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import type { ResolvedPrometheus } from '../config/resolveConfig.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import type { ScopeProducer } from '../metrics/ScopeProducer.js';
import { PROMETHEUS_CONTENT_TYPE, serializePrometheus } from './serializePrometheus.js';

/**
 * Writes a whole response without chaining on `writeHead()`'s return value: restify replaces
 * `http.ServerResponse.prototype.writeHead` for every server in the process with one that returns
 * undefined, and `writeHead(...).end(...)` then threw on each scrape and ended the app.
 */
function respond(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | undefined,
): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** What the endpoint is doing, for the handle's health. */
export type EndpointState =
  | { readonly state: 'starting' }
  | { readonly state: 'listening'; readonly url: string; readonly port: number }
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'stopped' };

/** Ports a cluster worker tries after the configured one before giving up. */
export const CLUSTER_PORT_RANGE = 64;

/**
 * The ports to try, in order. In a `node:cluster` worker a plain listen would share the primary's socket,
 * so that every worker answers on one port in turn and each scrape reads a random worker: a worker binds
 * its own socket on the first free port after the configured one (the configured port is the primary's).
 * Port 0 stays 0 (a free port each).
 */
export function candidatePorts(port: number, isWorker: boolean): number[] {
  if (!isWorker || port === 0) return [port];
  const last = Math.min(65535, port + CLUSTER_PORT_RANGE);
  return Array.from({ length: last - port }, (_, i) => port + 1 + i);
}

/**
 * The Prometheus pull endpoint: on each scrape it collects signalkit's own producers and, once the SDK's
 * MeterProvider exists, the SDK reader attached to it, and serves the text format. Its server and
 * connections are unref'd so they never keep a finished process alive, and a listen failure (port in
 * use) is one diagnostic line, never an exception. With credentials configured, a scrape without them
 * is answered 401.
 */
export class PrometheusEndpoint {
  private readonly options: ResolvedPrometheus;
  private readonly diagnostics: Diagnostics;
  private readonly producers: readonly ScopeProducer[];
  private readonly resourceAttributes: Attributes;
  private sdkReader: MetricReader | undefined;
  private beforeCollect: (() => void) | undefined;
  private server: Server | undefined;
  private current: EndpointState = { state: 'starting' };

  constructor(
    options: ResolvedPrometheus,
    diagnostics: Diagnostics,
    producers: readonly ScopeProducer[],
    resourceAttributes: Attributes,
  ) {
    this.options = options;
    this.diagnostics = diagnostics;
    this.producers = producers;
    this.resourceAttributes = resourceAttributes;
  }

  /** Runs before each collection (the pipeline builds the SDK there when deferred meters wait for it). */
  onCollect(hook: () => void): void {
    this.beforeCollect = hook;
  }

  /** Serves the SDK's instruments too, read through `reader` (registered with the MeterProvider). */
  attachSdkReader(reader: MetricReader): void {
    this.sdkReader = reader;
  }

  get status(): EndpointState {
    return this.current;
  }

  /** True for the endpoint's own server, whose requests are not the app's traffic. */
  isOwnServer(server: Server): boolean {
    return server === this.server;
  }

  /** Starts listening; resolves when listening or failed, never rejects. */
  listen(): Promise<EndpointState> {
    const { host, port, path } = this.options;
    const server = createServer((req, res) => this.handle(req, res, path));
    this.server = server;
    server.on('connection', (socket) => socket.unref());
    const isWorker = cluster.isWorker;
    const ports = candidatePorts(port, isWorker);
    return new Promise((resolve) => {
      const attempt = (index: number) => {
        const tried = ports[index] as number;
        const onError = (error: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          if (error.code === 'EADDRINUSE' && index + 1 < ports.length) return attempt(index + 1);
          const reason = error.code === 'EADDRINUSE' ? 'address already in use' : error.message;
          const where = ports.length > 1 ? `${host}:${ports[0]}-${tried}` : `${host}:${tried}`;
          this.current = { state: 'failed', error: `${reason} (${error.code ?? 'error'})` };
          this.diagnostics.error(
            'prometheus-listen',
            `cannot serve metrics on ${where}: ${reason}; the app keeps running without the endpoint (set OTEL_EXPORTER_PROMETHEUS_PORT to change the port)`,
          );
          this.server = undefined;
          resolve(this.current);
        };
        const onListening = () => {
          server.off('error', onError);
          const address = server.address();
          const actualPort = typeof address === 'object' && address !== null ? address.port : tried;
          const shownHost = host.includes(':') ? `[${host}]` : host;
          this.current = {
            state: 'listening',
            url: `http://${shownHost}:${actualPort}${path}`,
            port: actualPort,
          };
          resolve(this.current);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        // exclusive: a cluster worker gets its own socket instead of a share of the primary's.
        server.listen({ host, port: tried, exclusive: isWorker });
      };
      attempt(0);
      server.unref();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== path) {
      respond(res, 404, { 'content-type': 'text/plain' }, 'not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      respond(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }, 'method not allowed\n');
      return;
    }
    const auth = this.options.auth;
    if (auth !== undefined && !auth.isAuthorized(req.headers.authorization)) {
      const challenge = auth.scheme === 'bearer' ? 'Bearer realm="metrics"' : 'Basic realm="metrics"';
      respond(res, 401, { 'www-authenticate': challenge, 'content-type': 'text/plain' }, 'unauthorized\n');
      return;
    }
    // Collecting and serialising both run inside the chain, so that a failure of either (a bug, a producer's
    // odd data) is a 500 and one diagnostics line, never an unhandled rejection in the host app.
    this.collect()
      .then((scopeMetrics) => {
        const body = serializePrometheus(this.resourceAttributes, scopeMetrics);
        respond(
          res,
          200,
          { 'content-type': PROMETHEUS_CONTENT_TYPE },
          req.method === 'HEAD' ? undefined : body,
        );
      })
      .catch((error: unknown) => {
        this.diagnostics.error('prometheus-collect', `cannot serve metrics: ${String(error)}`);
        try {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('collection failed\n');
        } catch {
          // The connection is gone: nothing left to answer.
        }
      });
  }

  private async collect(): Promise<ScopeMetrics[]> {
    this.beforeCollect?.();
    const scopeMetrics = this.producers.map((producer) => producer.collect());
    if (this.sdkReader === undefined) return scopeMetrics;
    const { resourceMetrics, errors } = await this.sdkReader.collect();
    for (const error of errors)
      this.diagnostics.warn('prometheus-collect', `collection error: ${String(error)}`);
    return [...scopeMetrics, ...resourceMetrics.scopeMetrics];
  }

  /** Closes the server and its connections. */
  shutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.current = { state: 'stopped' };
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
