import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * HTTP servers that answer every request with one status, content type and body: an endpoint that is
 * not a signalkit service (HTML, JSON, 401, plain Prometheus text). `serve` starts one and gives its
 * /metrics URL; `close` stops the last one (call it after each test).
 */
export function fixedAnswerServer() {
  let server: Server | undefined;
  return {
    async serve(status: number, contentType: string, body: string): Promise<string> {
      const started = createServer((_req, res) =>
        res.writeHead(status, { 'content-type': contentType }).end(body),
      );
      server = started;
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(started.address() as AddressInfo).port}/metrics`;
    },
    async close(): Promise<void> {
      const stopping = server;
      server = undefined;
      if (stopping === undefined) return;
      stopping.closeAllConnections();
      await new Promise((resolve) => stopping.close(resolve));
    },
  };
}
