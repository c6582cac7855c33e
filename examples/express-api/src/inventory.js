// Inventory service: the stock and price of each item. Orders calls it over HTTP.
// Plain Express 5: the signalkit preload (see package.json) adds the metrics and traces; the logs come from
// @signalkit/winston's logger (JSON lines on stdout, over OTLP with OTEL_LOGS_EXPORTER=otlp).
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@signalkit/winston';
import express from 'express';
import { requestLog } from './requestLog.js';

const port = Number(process.env.INVENTORY_PORT ?? process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';

const items = new Map([
  ['apple', { sku: 'apple', price: 0.5, stock: 120 }],
  ['bread', { sku: 'bread', price: 2.2, stock: 30 }],
  ['cheese', { sku: 'cheese', price: 6.9, stock: 12 }],
  ['dates', { sku: 'dates', price: 4.1, stock: 45 }],
]);

const logger = createLogger();
const app = express();
app.use(requestLog(logger));

app.get('/items', (_req, res) => {
  res.json([...items.values()]);
});

app.get('/items/:sku', (req, res) => {
  const item = items.get(req.params.sku);
  if (item === undefined) {
    res.status(404).json({ error: `no item ${req.params.sku}` });
    return;
  }
  res.json(item);
});

app.get('/slow', async (_req, res) => {
  logger.warn('slow route: answering in 300 ms');
  await sleep(300);
  res.json({ slow: true });
});

app.get('/error', (_req, res) => {
  logger.error('stock lookup failed', { error: new Error('the stock database is on fire') });
  res.status(500).json({ error: 'the stock database is on fire' });
});

app.use((_req, res) => {
  res.status(404).json({ error: 'not found' });
});

const server = app.listen(port, host, (error) => {
  if (error) throw error;
  console.log(`listening ${server.address().port}`);
});
