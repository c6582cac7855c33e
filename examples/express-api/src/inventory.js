// Inventory service: the stock and price of each item. Orders calls it over HTTP.
// Plain Express 5: the signalkit preload (see package.json) adds the metrics, nothing here.
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';

const port = Number(process.env.INVENTORY_PORT ?? process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';

const items = new Map([
  ['apple', { sku: 'apple', price: 0.5, stock: 120 }],
  ['bread', { sku: 'bread', price: 2.2, stock: 30 }],
  ['cheese', { sku: 'cheese', price: 6.9, stock: 12 }],
  ['dates', { sku: 'dates', price: 4.1, stock: 45 }],
]);

const app = express();

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
  await sleep(300);
  res.json({ slow: true });
});

app.get('/error', (_req, res) => {
  res.status(500).json({ error: 'the stock database is on fire' });
});

app.use((_req, res) => {
  res.status(404).json({ error: 'not found' });
});

const server = app.listen(port, host, (error) => {
  if (error) throw error;
  console.log(`listening ${server.address().port}`);
});
