// Orders service: reads orders, and places new ones after asking inventory for the item's price.
// Plain Express 5: the signalkit preload (see package.json) adds the metrics and traces; the logs come from
// @signalkit/winston's logger (JSON lines on stdout, over OTLP with OTEL_LOGS_EXPORTER=otlp).
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@signalkit/winston';
import express from 'express';
import { requestLog } from './requestLog.js';

const port = Number(process.env.ORDERS_PORT ?? process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const inventoryUrl = process.env.INVENTORY_URL ?? 'http://127.0.0.1:3001';

const SKUS = ['apple', 'bread', 'cheese', 'dates'];
let nextId = 1000;

const logger = createLogger();
const app = express();
app.use(requestLog(logger));
app.use(express.json());

app.get('/orders/:id', (req, res) => {
  const id = Number(req.params.id);
  if (!Number.isInteger(id) || id < 0) {
    res.status(400).json({ error: 'the order id is a number' });
    return;
  }
  res.json({ id, sku: SKUS[id % SKUS.length], quantity: 1 + (id % 3), status: 'shipped' });
});

app.post('/orders', async (req, res) => {
  const { sku, quantity = 1 } = req.body ?? {};
  if (typeof sku !== 'string') {
    res.status(400).json({ error: 'sku is required' });
    return;
  }
  let answer;
  try {
    answer = await fetch(`${inventoryUrl}/items/${encodeURIComponent(sku)}`);
  } catch (error) {
    res.status(502).json({ error: `inventory unreachable: ${error.cause?.code ?? error.message}` });
    return;
  }
  const item = await answer.json();
  if (answer.status === 404) {
    res.status(422).json({ error: `no item ${sku}` });
    return;
  }
  if (!answer.ok) {
    res.status(502).json({ error: `inventory answered ${answer.status}` });
    return;
  }
  res.status(201).json({ id: nextId++, sku, quantity, total: item.price * quantity });
});

app.get('/slow', async (_req, res) => {
  logger.warn('slow route: answering in 300 ms');
  await sleep(300);
  res.json({ slow: true });
});

// A handler that fails: Express 5 passes the thrown error to the error handler below.
app.get('/error', () => {
  throw new Error('something broke');
});

app.use((_req, res) => {
  res.status(404).json({ error: 'not found' });
});

app.use((error, _req, res, _next) => {
  logger.error('request failed', { error });
  res.status(500).json({ error: error.message });
});

const server = app.listen(port, host, (error) => {
  if (error) throw error;
  console.log(`listening ${server.address().port}`);
});
