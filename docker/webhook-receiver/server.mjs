#!/usr/bin/env node
// Demo webhook receiver for Alertmanager: logs every notification as one JSON line on stdout and keeps
// the last KEEP in memory. GET /alerts returns them (oldest first), GET /healthz answers ok.
// Any POST path is accepted; the path names the Alertmanager receiver that posted (/page, /ticket, ...).
// No dependencies: runs on the plain Node image.
import { createServer } from 'node:http';

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 8080);
const keep = Math.max(1, Number(process.env.KEEP ?? 100) || 100);
const MAX_BODY_BYTES = 1024 * 1024;

/** The last `keep` notifications, oldest first. */
const received = [];

function summarize(path, payload) {
  const alerts = Array.isArray(payload?.alerts) ? payload.alerts : [];
  return {
    receivedAt: new Date().toISOString(),
    path,
    receiver: payload?.receiver ?? null,
    status: payload?.status ?? null,
    groupLabels: payload?.groupLabels ?? {},
    alerts: alerts.map((a) => ({
      status: a?.status ?? null,
      labels: a?.labels ?? {},
      annotations: a?.annotations ?? {},
      startsAt: a?.startsAt ?? null,
      endsAt: a?.endsAt ?? null,
    })),
  };
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://receiver').pathname;
  if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
  if (req.method === 'GET' && path === '/alerts') return send(res, 200, received);
  if (req.method !== 'POST') return send(res, 405, { error: 'POST a notification, or GET /alerts' });

  const chunks = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (tooLarge) return send(res, 413, { error: `body over ${MAX_BODY_BYTES} bytes` });
    let payload;
    try {
      payload = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    const entry = summarize(path, payload);
    received.push(entry);
    if (received.length > keep) received.splice(0, received.length - keep);
    process.stdout.write(`${JSON.stringify(entry)}\n`);
    send(res, 200, { ok: true });
  });
});

server.listen(port, host, () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ msg: 'webhook receiver listening', host, port: address.port, keep })}\n`,
  );
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
  });
}
