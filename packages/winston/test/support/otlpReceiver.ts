import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { type DecodedLogRecord, decodeJsonLogs, decodeProtobufLogs } from './otlpLogs.js';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly contentType: string;
  /** The body as received (compressed when the exporter compressed it). */
  readonly raw: Buffer;
  /** The body, decompressed. */
  readonly body: Buffer;
  readonly records: DecodedLogRecord[];
}

export interface OtlpReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  records(): DecodedLogRecord[];
  /** Resolves once at least `n` records arrived (30 s at most). */
  waitForRecords(n: number): Promise<DecodedLogRecord[]>;
  /** Answer held requests and answer new ones at once (after `hold: true`). */
  release(): void;
  close(): Promise<void>;
}

/**
 * A real OTLP/HTTP logs receiver on 127.0.0.1: it decodes protobuf and JSON bodies (gzip too) and answers
 * 200 with an empty response. With `hold: true` it keeps requests open until `release()`.
 */
export async function startOtlpReceiver(options: { hold?: boolean } = {}): Promise<OtlpReceiver> {
  const requests: ReceivedRequest[] = [];
  const held: (() => void)[] = [];
  let holding = options.hold === true;
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const contentType = req.headers['content-type'] ?? '';
      let records: DecodedLogRecord[];
      try {
        records = contentType.includes('json')
          ? decodeJsonLogs(body.toString('utf8'))
          : decodeProtobufLogs(body);
      } catch (error) {
        records = [];
        process.stderr.write(`receiver: undecodable body (${String(error)})\n`);
      }
      requests.push({ path: req.url ?? '', headers: req.headers, contentType, raw, body, records });
      for (const w of [...waiters]) w();
      const answer = () => {
        const json = contentType.includes('json');
        res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
        res.end(json ? '{}' : Buffer.alloc(0));
      };
      if (holding) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const records = () => requests.flatMap((r) => r.records);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    records,
    waitForRecords(n) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (records().length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(records());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver got ${records().length} of ${n} records`));
        }, 30_000);
        waiters.add(check);
        check();
      });
    },
    release() {
      holding = false;
      for (const answer of held.splice(0)) answer();
    },
    close() {
      holding = false;
      for (const answer of held.splice(0)) answer();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
