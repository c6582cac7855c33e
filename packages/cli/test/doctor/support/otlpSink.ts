import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A minimal OTLP/HTTP receiver on 127.0.0.1: accepts every export with 200 and counts the requests. */
export interface OtlpSink {
  readonly url: string;
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Listens on `port` (default: a free one). */
export async function startOtlpSink(port = 0): Promise<OtlpSink> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
