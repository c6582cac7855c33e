import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type MetricProducer, MetricReader } from '@opentelemetry/sdk-metrics';
import type { ResolvedPrometheus } from '../config/resolveConfig.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { PROMETHEUS_CONTENT_TYPE, serializePrometheus } from './serializePrometheus.js';

/** What the endpoint is doing, for the handle's health. */
export type EndpointState =
  | { readonly state: 'starting' }
  | { readonly state: 'listening'; readonly url: string; readonly port: number }
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'stopped' };

/**
 * The Prometheus pull endpoint: a MetricReader that collects on each scrape and serves the text
 * format. Its server and connections are unref'd so they never keep a finished process alive, and a
 * listen failure (port in use) is one diagnostic line, never an exception.
 */
export class PrometheusEndpoint extends MetricReader {
  private readonly options: ResolvedPrometheus;
  private readonly diagnostics: Diagnostics;
  private server: Server | undefined;
  private current: EndpointState = { state: 'starting' };

  constructor(
    options: ResolvedPrometheus,
    diagnostics: Diagnostics,
    metricProducers: MetricProducer[],
    cardinalityLimit: number,
  ) {
    super({ metricProducers, cardinalitySelector: () => cardinalityLimit });
    this.options = options;
    this.diagnostics = diagnostics;
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
    return new Promise((resolve) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        const reason = error.code === 'EADDRINUSE' ? 'address already in use' : error.message;
        this.current = { state: 'failed', error: `${reason} (${error.code ?? 'error'})` };
        this.diagnostics.error(
          'prometheus-listen',
          `cannot serve metrics on ${host}:${port}: ${reason}; the app keeps running without the endpoint (set OTEL_EXPORTER_PROMETHEUS_PORT to change the port)`,
        );
        this.server = undefined;
        resolve(this.current);
      });
      server.listen({ host, port }, () => {
        const address = server.address();
        const actualPort = typeof address === 'object' && address !== null ? address.port : port;
        const shownHost = host.includes(':') ? `[${host}]` : host;
        this.current = {
          state: 'listening',
          url: `http://${shownHost}:${actualPort}${path}`,
          port: actualPort,
        };
        resolve(this.current);
      });
      server.unref();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse, path: string): void {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    if ((queryAt === -1 ? url : url.slice(0, queryAt)) !== path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    this.collect().then(
      ({ resourceMetrics, errors }) => {
        for (const error of errors)
          this.diagnostics.warn('prometheus-collect', `collection error: ${String(error)}`);
        const body = serializePrometheus(resourceMetrics);
        res
          .writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE })
          .end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        this.diagnostics.error('prometheus-collect', `cannot collect metrics: ${String(error)}`);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('collection failed\n');
      },
    );
  }

  protected override async onForceFlush(): Promise<void> {
    // Pull exporter: nothing is buffered.
  }

  protected override onShutdown(): Promise<void> {
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
