/**
 * Decodes OTLP logs requests, protobuf and JSON, into one shape, so tests check both encodings the same
 * way. The protobuf reader covers the wire format and the messages of opentelemetry-proto's
 * `collector/logs/v1` and `logs/v1` that an exporter sends (no dependency needed).
 */
export interface DecodedLogRecord {
  readonly timeUnixNano: bigint;
  readonly severityNumber: number;
  readonly severityText: string;
  readonly body: unknown;
  readonly attributes: Record<string, unknown>;
  /** Hex; empty when absent. */
  readonly traceId: string;
  readonly spanId: string;
  readonly flags: number;
  readonly resource: Record<string, unknown>;
  readonly scope: string;
}

type Field = { wire: 0; value: bigint } | { wire: 1 | 2 | 5; value: Buffer };
type Message = Map<number, Field[]>;

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('truncated varint');
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

function readMessage(buf: Buffer): Message {
  const fields: Message = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, next] = readVarint(buf, pos);
    pos = next;
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    let field: Field;
    if (wire === 0) {
      const [value, after] = readVarint(buf, pos);
      pos = after;
      field = { wire: 0, value };
    } else if (wire === 1) {
      field = { wire: 1, value: buf.subarray(pos, pos + 8) };
      pos += 8;
    } else if (wire === 5) {
      field = { wire: 5, value: buf.subarray(pos, pos + 4) };
      pos += 4;
    } else if (wire === 2) {
      const [length, after] = readVarint(buf, pos);
      pos = after;
      field = { wire: 2, value: buf.subarray(pos, pos + Number(length)) };
      pos += Number(length);
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
    if (pos > buf.length) throw new Error('truncated message');
    const list = fields.get(number) ?? [];
    list.push(field);
    fields.set(number, list);
  }
  return fields;
}

function bytes(m: Message, n: number): Buffer[] {
  return (m.get(n) ?? []).flatMap((f) => (f.wire === 2 ? [f.value] : []));
}
function one(m: Message, n: number): Buffer | undefined {
  return bytes(m, n)[0];
}
function str(m: Message, n: number): string {
  return one(m, n)?.toString('utf8') ?? '';
}
function varint(m: Message, n: number): bigint {
  const f = (m.get(n) ?? [])[0];
  return f?.wire === 0 ? f.value : 0n;
}
function fixed(m: Message, n: number): Buffer | undefined {
  const f = (m.get(n) ?? [])[0];
  return f !== undefined && (f.wire === 1 || f.wire === 5) ? f.value : undefined;
}

function anyValue(buf: Buffer): unknown {
  const m = readMessage(buf);
  if (m.has(1)) return str(m, 1);
  if (m.has(2)) return varint(m, 2) !== 0n;
  if (m.has(3)) return Number(BigInt.asIntN(64, varint(m, 3)));
  if (m.has(4)) return fixed(m, 4)?.readDoubleLE(0);
  if (m.has(5)) return bytes(readMessage(one(m, 5) ?? Buffer.alloc(0)), 1).map(anyValue);
  if (m.has(6)) return keyValues(bytes(readMessage(one(m, 6) ?? Buffer.alloc(0)), 1));
  if (m.has(7)) return one(m, 7)?.toString('hex');
  return null;
}

function keyValues(list: Buffer[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list) {
    const m = readMessage(kv);
    const value = one(m, 2);
    out[str(m, 1)] = value === undefined ? null : anyValue(value);
  }
  return out;
}

/** An `ExportLogsServiceRequest` in protobuf. */
export function decodeProtobufLogs(body: Buffer): DecodedLogRecord[] {
  const out: DecodedLogRecord[] = [];
  for (const rl of bytes(readMessage(body), 1)) {
    const resourceLogs = readMessage(rl);
    const resourceBuf = one(resourceLogs, 1);
    const resource = resourceBuf === undefined ? {} : keyValues(bytes(readMessage(resourceBuf), 1));
    for (const sl of bytes(resourceLogs, 2)) {
      const scopeLogs = readMessage(sl);
      const scopeBuf = one(scopeLogs, 1);
      const scope = scopeBuf === undefined ? '' : str(readMessage(scopeBuf), 1);
      for (const lr of bytes(scopeLogs, 2)) {
        const r = readMessage(lr);
        const body = one(r, 5);
        out.push({
          timeUnixNano: fixed(r, 1)?.readBigUInt64LE(0) ?? 0n,
          severityNumber: Number(varint(r, 2)),
          severityText: str(r, 3),
          body: body === undefined ? undefined : anyValue(body),
          attributes: keyValues(bytes(r, 6)),
          traceId: one(r, 9)?.toString('hex') ?? '',
          spanId: one(r, 10)?.toString('hex') ?? '',
          flags: fixed(r, 8)?.readUInt32LE(0) ?? 0,
          resource,
          scope,
        });
      }
    }
  }
  return out;
}

type JsonAnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: JsonKeyValue[] };
  bytesValue?: string;
};
type JsonKeyValue = { key: string; value?: JsonAnyValue };

function jsonAny(v: JsonAnyValue | undefined): unknown {
  if (v === undefined) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(jsonAny);
  if (v.kvlistValue !== undefined) return jsonKeyValues(v.kvlistValue.values ?? []);
  if (v.bytesValue !== undefined) return Buffer.from(v.bytesValue, 'base64').toString('hex');
  return null;
}

function jsonKeyValues(list: JsonKeyValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list) out[kv.key] = jsonAny(kv.value);
  return out;
}

/** OTLP/JSON ids are hex (spec); tolerate base64 too. */
function jsonId(id: string | undefined, bytesLength: number): string {
  if (id === undefined || id === '') return '';
  if (new RegExp(`^[0-9a-f]{${bytesLength * 2}}$`, 'i').test(id)) return id.toLowerCase();
  return Buffer.from(id, 'base64').toString('hex');
}

/** An `ExportLogsServiceRequest` in OTLP/JSON. */
export function decodeJsonLogs(text: string): DecodedLogRecord[] {
  const request = JSON.parse(text) as {
    resourceLogs?: {
      resource?: { attributes?: JsonKeyValue[] };
      scopeLogs?: {
        scope?: { name?: string };
        logRecords?: {
          timeUnixNano?: string | number;
          severityNumber?: number;
          severityText?: string;
          body?: JsonAnyValue;
          attributes?: JsonKeyValue[];
          traceId?: string;
          spanId?: string;
          flags?: number;
        }[];
      }[];
    }[];
  };
  const out: DecodedLogRecord[] = [];
  for (const rl of request.resourceLogs ?? []) {
    const resource = jsonKeyValues(rl.resource?.attributes ?? []);
    for (const sl of rl.scopeLogs ?? []) {
      for (const r of sl.logRecords ?? []) {
        out.push({
          timeUnixNano: BigInt(r.timeUnixNano ?? 0),
          severityNumber: r.severityNumber ?? 0,
          severityText: r.severityText ?? '',
          body: r.body === undefined ? undefined : jsonAny(r.body),
          attributes: jsonKeyValues(r.attributes ?? []),
          traceId: jsonId(r.traceId, 16),
          spanId: jsonId(r.spanId, 8),
          flags: r.flags ?? 0,
          resource,
          scope: sl.scope?.name ?? '',
        });
      }
    }
  }
  return out;
}
