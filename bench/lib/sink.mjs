// The OTLP/HTTP sink: accepts every POST, answers an empty success response, and counts POSTs, bytes
// and the spans they carry (protobuf or JSON). GET /stats returns the counts as JSON. Run as its own
// process (pinned to CPU 1 by the harness) so its work never lands on the server's CPU.
// Usage: node lib/sink.mjs <port>; prints `listening <port>` when ready.
import { createServer } from 'node:http';

let posts = 0;
let bytes = 0;
let spans = 0;
let undecoded = 0;
const byPath = {};

/** Reads a protobuf varint at `pos`; returns [value, next position]. */
function varint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** Calls `onField(number, start, end)` for each length-delimited field of the message in buf[start, end). */
function eachField(buf, start, end, onField) {
  let pos = start;
  while (pos < end) {
    const [key, afterKey] = varint(buf, pos);
    const wire = key & 7;
    pos = afterKey;
    if (wire === 2) {
      const [length, afterLength] = varint(buf, pos);
      onField(key >>> 3, afterLength, afterLength + length);
      pos = afterLength + length;
    } else if (wire === 0) pos = varint(buf, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

/**
 * Spans in an ExportTraceServiceRequest: resource_spans (1) → scope_spans (2) → spans (2). Only the
 * field headers are walked; span bodies are skipped by their length.
 */
function countProtobufSpans(buf) {
  let count = 0;
  eachField(buf, 0, buf.length, (field, start, end) => {
    if (field !== 1) return;
    eachField(buf, start, end, (f2, s2, e2) => {
      if (f2 !== 2) return;
      eachField(buf, s2, e2, (f3) => {
        if (f3 === 2) count++;
      });
    });
  });
  return count;
}

function countJsonSpans(body) {
  const request = JSON.parse(body.toString('utf8'));
  let count = 0;
  for (const resource of request.resourceSpans ?? [])
    for (const scope of resource.scopeSpans ?? []) count += scope.spans?.length ?? 0;
  return count;
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts, bytes, spans, undecoded, byPath }));
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const json = (req.headers['content-type'] ?? '').includes('json');
    posts++;
    bytes += body.length;
    byPath[req.url] = (byPath[req.url] ?? 0) + 1;
    if (req.url?.endsWith('/v1/traces')) {
      try {
        // Compressed bodies are counted as undecoded (the benchmark sends them uncompressed).
        if (req.headers['content-encoding'] && req.headers['content-encoding'] !== 'identity') undecoded++;
        else spans += json ? countJsonSpans(body) : countProtobufSpans(body);
      } catch {
        undecoded++;
      }
    }
    // An empty Export*ServiceResponse: zero bytes in protobuf, {} in JSON.
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    res.end(json ? '{}' : '');
  });
});

server.listen(Number(process.argv[2] ?? 4318), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
