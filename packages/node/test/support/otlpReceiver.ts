import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** A span as decoded from OTLP/JSON, flattened with its resource's service name. */
export interface ReceivedSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  status: { code?: number; message?: string };
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
}

/** One histogram data point of `http.server.request.duration`-like metrics, from OTLP/JSON. */
export interface ReceivedHistogramPoint {
  metric: string;
  unit: string;
  temporality: number;
  attributes: Record<string, unknown>;
  count: number;
  bucketCounts: number[];
  explicitBounds: number[];
}

export interface ReceivedRequest {
  path: string;
  contentType: string | undefined;
  body: Buffer;
  headers: IncomingMessage['headers'];
  /** `Date.now()` when the whole request body had arrived. */
  at: number;
  /** When the exchange ended: the response was fully written, or the client went away. */
  endedAt?: number;
  /** True when the client closed the connection before the response was complete. */
  clientAborted?: boolean;
  /** Response body bytes handed to the socket before the exchange ended. */
  bytesWritten?: number;
}

/**
 * What the receiver does with a request: answer with a status (and headers, and a body), accept and
 * never answer (`hang`), send part of a response then reset the connection (`reset`), or stream a
 * response body of `streamBytes` bytes, written as fast as the client reads it.
 */
export type Behaviour =
  | { status: number; headers?: Record<string, string>; body?: Buffer | string }
  | 'hang'
  | 'reset'
  | { status: number; streamBytes: number };

/** A behaviour, or a function choosing one per request (`index` counts from 0 in arrival order). */
export type BehaviourRule = Behaviour | ((request: ReceivedRequest, index: number) => Behaviour);

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
}

function decodeValue(v: AnyValue | undefined): unknown {
  if (v === undefined) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(decodeValue);
  return undefined;
}

export function attributesOf(list: { key: string; value: AnyValue }[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) out[key] = decodeValue(value);
  return out;
}

/**
 * A real OTLP/HTTP receiver for tests, on 127.0.0.1: records every request, decodes OTLP/JSON spans,
 * and answers as told (status codes, Retry-After, or never) to inject faults.
 */
export class OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly spans: ReceivedSpan[] = [];
  /** Histogram points per metrics request, in arrival order. */
  readonly metricExports: ReceivedHistogramPoint[][] = [];
  behaviour: BehaviourRule = { status: 200 };
  /** Requests whose response has not ended, now and at most. */
  open = 0;
  maxOpen = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hung: ServerResponse[] = [];
  private port = 0;

  constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : port;
    return this.port;
  }

  /** The receiver's URL; it stays the same across {@link goDown} and {@link comeBack}. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** False between {@link goDown} and {@link comeBack}. */
  get listening(): boolean {
    return this.server.listening;
  }

  /** Stops listening and drops every connection: connections are refused until {@link comeBack}. */
  async goDown(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const res of this.hung.splice(0)) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Listens again on the same port. */
  async comeBack(): Promise<void> {
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves when `predicate` holds, polling; rejects after `timeoutMillis`. */
  async waitFor(predicate: () => boolean, timeoutMillis = 15_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMillis;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'];
      const received: ReceivedRequest = {
        path: req.url ?? '',
        contentType,
        body,
        headers: req.headers,
        at: Date.now(),
      };
      this.requests.push(received);
      this.open++;
      this.maxOpen = Math.max(this.maxOpen, this.open);
      let ended = false;
      const end = (clientAborted: boolean) => {
        if (ended) return;
        ended = true;
        this.open--;
        received.endedAt = Date.now();
        received.clientAborted = clientAborted;
      };
      res.on('finish', () => end(false));
      res.on('close', () => end(!res.writableFinished));
      if (contentType?.includes('json') && req.url?.endsWith('/v1/traces')) this.decodeSpans(body);
      if (contentType?.includes('json') && req.url?.endsWith('/v1/metrics')) this.decodeMetrics(body);
      this.answer(res, received);
    });
  }

  private answer(res: ServerResponse, received: ReceivedRequest): void {
    const rule = this.behaviour;
    const behaviour = typeof rule === 'function' ? rule(received, this.requests.length - 1) : rule;
    if (behaviour === 'hang') {
      this.hung.push(res);
      return;
    }
    if (behaviour === 'reset') {
      // A status line, headers and part of the body, then the connection is torn down.
      res.writeHead(200, { 'content-type': 'application/x-protobuf', 'content-length': '1000' });
      res.write(Buffer.alloc(100), () => res.socket?.resetAndDestroy());
      return;
    }
    if ('streamBytes' in behaviour) {
      res.writeHead(behaviour.status, {
        'content-type': 'application/x-protobuf',
        'content-length': String(behaviour.streamBytes),
      });
      const chunk = Buffer.alloc(64 * 1024, 7);
      let written = 0;
      received.bytesWritten = 0;
      const pump = () => {
        while (written < behaviour.streamBytes && !res.destroyed) {
          const piece = chunk.subarray(0, Math.min(chunk.length, behaviour.streamBytes - written));
          written += piece.length;
          received.bytesWritten = written;
          if (!res.write(piece)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return;
    }
    res.writeHead(behaviour.status, { 'content-type': 'application/json', ...behaviour.headers });
    res.end(behaviour.body ?? '{}');
  }

  private decodeMetrics(body: Buffer): void {
    type Point = {
      attributes?: { key: string; value: AnyValue }[];
      count?: string | number;
      bucketCounts?: (string | number)[];
      explicitBounds?: number[];
    };
    const json = JSON.parse(body.toString()) as {
      resourceMetrics?: {
        scopeMetrics?: {
          metrics?: {
            name: string;
            unit?: string;
            histogram?: { aggregationTemporality?: number; dataPoints?: Point[] };
          }[];
        }[];
      }[];
    };
    const points: ReceivedHistogramPoint[] = [];
    for (const rm of json.resourceMetrics ?? [])
      for (const sm of rm.scopeMetrics ?? [])
        for (const m of sm.metrics ?? []) {
          if (m.histogram === undefined) continue;
          for (const p of m.histogram.dataPoints ?? [])
            points.push({
              metric: m.name,
              unit: m.unit ?? '',
              temporality: m.histogram.aggregationTemporality ?? 0,
              attributes: attributesOf(p.attributes),
              count: Number(p.count ?? 0),
              bucketCounts: (p.bucketCounts ?? []).map(Number),
              explicitBounds: p.explicitBounds ?? [],
            });
        }
    this.metricExports.push(points);
  }

  private decodeSpans(body: Buffer): void {
    const json = JSON.parse(body.toString()) as {
      resourceSpans?: {
        resource?: { attributes?: { key: string; value: AnyValue }[] };
        scopeSpans?: {
          spans?: {
            name: string;
            kind: number;
            traceId: string;
            spanId: string;
            parentSpanId?: string;
            status?: { code?: number; message?: string };
            attributes?: { key: string; value: AnyValue }[];
            events?: { name: string; attributes?: { key: string; value: AnyValue }[] }[];
          }[];
        }[];
      }[];
    };
    for (const rs of json.resourceSpans ?? []) {
      const service = String(attributesOf(rs.resource?.attributes)['service.name'] ?? '');
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          this.spans.push({
            service,
            name: s.name,
            kind: s.kind,
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId === '' ? undefined : s.parentSpanId,
            status: s.status ?? {},
            attributes: attributesOf(s.attributes),
            events: (s.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
          });
        }
      }
    }
  }
}
