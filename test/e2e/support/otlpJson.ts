/**
 * Spans and log records out of OTLP JSON: the collector's file exporter (one export request per line) and
 * the Jaeger v3 query API (`{"result": {"resourceSpans": [...]}}`) both write it.
 */

interface KeyValue {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}

interface OtlpResource {
  resource?: { attributes?: KeyValue[] };
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number | string;
  attributes?: KeyValue[];
}

interface OtlpLogRecord {
  traceId?: string;
  spanId?: string;
  severityText?: string;
  severityNumber?: number | string;
  body?: { stringValue?: string };
  attributes?: KeyValue[];
}

export interface OtlpTraces {
  resourceSpans?: (OtlpResource & { scopeSpans?: { spans?: OtlpSpan[] }[] })[];
}

export interface OtlpLogs {
  resourceLogs?: (OtlpResource & { scopeLogs?: { logRecords?: OtlpLogRecord[] }[] })[];
}

export interface Span {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  /** `undefined` for a root span. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP SpanKind: 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Record<string, unknown>;
}

export interface LogRecord {
  readonly service: string;
  readonly traceId: string | undefined;
  readonly spanId: string | undefined;
  readonly severityText: string;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
}

export const SPAN_KIND = { server: 2, client: 3 } as const;
const KIND_NAMES: Record<string, number> = {
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_INTERNAL: 1,
};

/** OTLP JSON writes ids as hex; a protobuf-JSON encoder may write bytes as base64. Both to lower-case hex. */
export function hexId(id: string | undefined): string | undefined {
  if (id === undefined || id === '') return undefined;
  if (/^[0-9a-fA-F]+$/.test(id) && (id.length === 32 || id.length === 16)) return id.toLowerCase();
  const hex = Buffer.from(id, 'base64').toString('hex');
  return /^0+$/.test(hex) ? undefined : hex;
}

function attributes(list: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? [])
    out[key] = value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
  return out;
}

function serviceOf(resource: OtlpResource): string {
  return String(attributes(resource.resource?.attributes)['service.name'] ?? '');
}

export function spansOf(traces: OtlpTraces): Span[] {
  return (traces.resourceSpans ?? []).flatMap((rs) =>
    (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        service: serviceOf(rs),
        traceId: hexId(s.traceId) as string,
        spanId: hexId(s.spanId) as string,
        parentSpanId: hexId(s.parentSpanId),
        name: s.name,
        kind: typeof s.kind === 'string' ? (KIND_NAMES[s.kind] ?? 0) : (s.kind ?? 0),
        attributes: attributes(s.attributes),
      })),
    ),
  );
}

export function logRecordsOf(logs: OtlpLogs): LogRecord[] {
  return (logs.resourceLogs ?? []).flatMap((rl) =>
    (rl.scopeLogs ?? []).flatMap((sl) =>
      (sl.logRecords ?? []).map((r) => ({
        service: serviceOf(rl),
        traceId: hexId(r.traceId),
        spanId: hexId(r.spanId),
        severityText: r.severityText ?? '',
        body: r.body?.stringValue ?? '',
        attributes: attributes(r.attributes),
      })),
    ),
  );
}

/** Every span and log record in a file of the collector's file exporter (JSON, one request per line). */
export function parseFileExport(text: string): { spans: Span[]; logs: LogRecord[] } {
  const spans: Span[] = [];
  const logs: LogRecord[] = [];
  // The exporter may be writing the last line right now: read complete lines only.
  for (const line of text.slice(0, text.lastIndexOf('\n') + 1).split('\n')) {
    if (line.trim() === '') continue;
    const request = JSON.parse(line) as OtlpTraces & OtlpLogs;
    spans.push(...spansOf(request));
    logs.push(...logRecordsOf(request));
  }
  return { spans, logs };
}
