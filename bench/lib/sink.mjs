// The OTLP/HTTP sink: accepts every POST, discards the body, answers an empty success response,
// and counts POSTs and bytes. GET /stats returns the counts as JSON. Run as its own process
// (pinned to CPU 1 by the harness) so its work never lands on the server's CPU.
// Usage: node lib/sink.mjs <port>; prints `listening <port>` when ready.
import { createServer } from 'node:http';

let posts = 0;
let bytes = 0;
const byPath = {};

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts, bytes, byPath }));
    return;
  }
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
  });
  req.on('end', () => {
    posts++;
    bytes += size;
    byPath[req.url] = (byPath[req.url] ?? 0) + 1;
    // An empty Export*ServiceResponse: zero bytes in protobuf, {} in JSON.
    const json = (req.headers['content-type'] ?? '').includes('json');
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    res.end(json ? '{}' : '');
  });
});

server.listen(Number(process.argv[2] ?? 4318), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
