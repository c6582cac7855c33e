import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CliError } from '../../CliError.js';
import { type TopJson, toJson } from '../renderJson.js';
import { renderDashboard } from './renderDashboard.js';
import type { SnapshotHistory } from './SnapshotHistory.js';
import { pageContentSecurityPolicy, webPage } from './webPage.js';

/** The host the web view listens on: this machine only. */
export const WEB_HOST = '127.0.0.1';

/** Names the shape of `/api/snapshots`. */
export const WEB_API_SCHEMA = 'signalkit.top.web/v1';

/** What `/api/snapshots` answers: the kept snapshots, oldest first, each as `--json` prints it. */
export interface SnapshotsJson {
  readonly schema: typeof WEB_API_SCHEMA;
  /** Grows by one with each snapshot. */
  readonly sequence: number;
  readonly snapshots: readonly TopJson[];
  readonly latest: TopJson | null;
}

export interface WebServerOptions {
  /** 0: any free port. */
  readonly port: number;
  readonly history: SnapshotHistory;
  /** Seconds between scrapes: the page asks for news at most every second, more often for shorter intervals. */
  readonly intervalSeconds: number;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Headers of every answer: not cached, not framed, not sniffed, no referrer. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the web view of `signalkit top` on 127.0.0.1: `/` the page, `/dashboard` its live fragment
 * (204 when `?seq=` is already the latest), `/api/snapshots` the history as JSON. Requests that name
 * another host are refused, so a web page elsewhere cannot read the data by DNS rebinding.
 * Rejects with a `port-in-use` {@link CliError} when the port is taken.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { history } = options;
  const pollMillis = Math.max(250, Math.min(1000, options.intervalSeconds * 1000));
  let rendered: { sequence: number; html: string } | undefined;
  const dashboard = () => {
    if (rendered?.sequence !== history.sequence)
      rendered = {
        sequence: history.sequence,
        html: renderDashboard({ snapshots: history.snapshots(), sequence: history.sequence }),
      };
    return rendered.html;
  };
  let allowedHosts: Set<string> = new Set();

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        ...COMMON_HEADERS,
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        ...(body === '' ? {} : { 'content-type': type }),
        ...headers,
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (!allowedHosts.has(request.headers.host ?? '')) return send(403, 'text/plain', 'unknown host\n');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, 'text/plain', 'method not allowed\n', { allow: 'GET, HEAD' });
    const url = new URL(request.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/': {
        const nonce = randomBytes(18).toString('base64');
        return send(200, 'text/html; charset=utf-8', webPage({ nonce, dashboard: dashboard(), pollMillis }), {
          'content-security-policy': pageContentSecurityPolicy(nonce),
        });
      }
      case '/dashboard':
        if (url.searchParams.get('seq') === String(history.sequence)) return send(204, '', '');
        return send(200, 'text/html; charset=utf-8', dashboard());
      case '/api/snapshots': {
        const snapshots = history.snapshots().map(toJson);
        const body: SnapshotsJson = {
          schema: WEB_API_SCHEMA,
          sequence: history.sequence,
          snapshots,
          latest: snapshots.at(-1) ?? null,
        };
        return send(200, 'application/json', JSON.stringify(body));
      }
      case '/favicon.ico':
        return send(204, '', '');
      default:
        return send(404, 'text/plain', 'not found\n');
    }
  };

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { ...COMMON_HEADERS, 'content-type': 'text/plain' });
      response.end(`${error instanceof Error ? error.message : String(error)}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new CliError(
            'port-in-use',
            `cannot serve the web view: ${WEB_HOST}:${options.port} is in use. ` +
              'Pick another with --port, or --port 0 for any free port.',
          ),
        );
      else reject(error);
    });
    server.listen(options.port, WEB_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`${WEB_HOST}:${port}`, `localhost:${port}`]);
  return {
    url: `http://${WEB_HOST}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
