// The load generator (examples/load) is the ground truth of top's end-to-end test; its own tests live here.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/freePort.js';
import { LOAD_MODULE } from './support/examplePaths.js';

interface MixEntry {
  name: string;
  weight: number;
  method: string;
  route: string | null;
  expectedStatus: number;
}
interface Planned {
  index: number;
  entry: MixEntry;
  path: string;
  body: string | undefined;
}
interface CountRow {
  method: string;
  route: string | null;
  status: number;
  count: number;
}
interface Report {
  total: number;
  answered: number;
  counts: CountRow[];
  failures: { method: string; route: string | null; error: string; count: number }[];
}
interface LoadModule {
  MIX: readonly MixEntry[];
  BLOCK_SIZE: number;
  requestPlan(seed: number): () => Planned;
  expectedCounts(count: number, seed: number): Map<MixEntry, number>;
  runLoad(options: Record<string, unknown>): Promise<Report>;
}

const load = (await import(LOAD_MODULE)) as LoadModule;

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A stand-in for the orders service: answers as the mix expects, and records what it got. */
async function fakeOrders(): Promise<{ url: string; seen: string[]; maxInFlight: () => number }> {
  const seen: string[] = [];
  let inFlight = 0;
  let max = 0;
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    max = Math.max(max, inFlight);
    const path = req.url ?? '';
    const route = /^\/orders\/\d+$/.test(path) ? '/orders/:id' : path;
    seen.push(`${req.method} ${route}`);
    const status =
      req.method === 'POST' && path === '/orders'
        ? 201
        : route === '/orders/:id' || path === '/slow'
          ? 200
          : path === '/error'
            ? 500
            : 404;
    setTimeout(
      () => {
        inFlight--;
        res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      },
      path === '/slow' ? 30 : 1,
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, maxInFlight: () => max };
}

describe('the request plan', () => {
  it('holds the fixed mix in every block of 100: 60 / 15 / 10 / 10 / 5', () => {
    expect(load.BLOCK_SIZE).toBe(100);
    expect(load.MIX.map((e) => [e.method, e.route, e.weight])).toEqual([
      ['GET', '/orders/:id', 60],
      ['POST', '/orders', 15],
      ['GET', '/slow', 10],
      ['GET', '/error', 10],
      ['GET', null, 5],
    ]);
    for (const seed of [1, 2, 99]) {
      const next = load.requestPlan(seed);
      for (let block = 0; block < 3; block++) {
        const counts = new Map<string, number>();
        for (let i = 0; i < 100; i++) {
          const { entry } = next();
          counts.set(entry.name, (counts.get(entry.name) ?? 0) + 1);
        }
        expect(Object.fromEntries(counts)).toEqual(
          Object.fromEntries(load.MIX.map((e) => [e.name, e.weight])),
        );
      }
    }
  });

  it('is the same for the same seed, and another for another seed', () => {
    const take = (seed: number) => {
      const next = load.requestPlan(seed);
      return Array.from({ length: 150 }, () => {
        const p = next();
        return `${p.entry.method} ${p.path} ${p.body ?? ''}`;
      });
    };
    expect(take(5)).toEqual(take(5));
    expect(take(5)).not.toEqual(take(6));
    // The kinds are interleaved, not in blocks of one kind.
    expect(
      new Set(
        take(5)
          .slice(0, 10)
          .map((r) => r.split(' ')[1]?.split('/')[1]),
      ).size,
    ).toBeGreaterThan(1);
  });

  it('gives valid JSON bodies for POST /orders, with an item the inventory has', () => {
    const next = load.requestPlan(3);
    for (let i = 0; i < 200; i++) {
      const p = next();
      if (p.entry.method !== 'POST') continue;
      const body = JSON.parse(p.body ?? '') as { sku: string; quantity: number };
      expect(['apple', 'bread', 'cheese', 'dates']).toContain(body.sku);
      expect(body.quantity).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('runLoad', () => {
  it('sends exactly --count requests and counts the answers per method, route and status', async () => {
    const target = await fakeOrders();
    const report = await load.runLoad({ target: target.url, count: 250, rate: 0, concurrency: 5, seed: 4 });
    expect(report.total).toBe(250);
    expect(report.answered).toBe(250);
    expect(report.failures).toEqual([]);
    const expected = load.expectedCounts(250, 4);
    for (const [entry, count] of expected) {
      const row = report.counts.find((c) => c.method === entry.method && c.route === entry.route);
      expect(row, entry.name).toMatchObject({ status: entry.expectedStatus, count });
    }
    // What the server saw agrees with the report.
    expect(target.seen.filter((s) => s === 'GET /orders/:id')).toHaveLength(expected.get(load.MIX[0]!)!);
    expect(target.seen).toHaveLength(250);
  });

  it('keeps at most --concurrency requests in flight', async () => {
    const target = await fakeOrders();
    await load.runLoad({ target: target.url, count: 60, rate: 0, concurrency: 3 });
    expect(target.maxInFlight()).toBeLessThanOrEqual(3);
    expect(target.maxInFlight()).toBeGreaterThan(1);
  });

  it('stops starting requests when aborted, and counts the ones in flight', async () => {
    const target = await fakeOrders();
    const stop = new AbortController();
    const running = load.runLoad({ target: target.url, rate: 50, concurrency: 2, signal: stop.signal });
    while (target.seen.length < 5) await new Promise((r) => setTimeout(r, 5));
    stop.abort();
    const report = await running;
    expect(report.answered).toBe(report.total);
    expect(report.total).toBe(target.seen.length);
  });

  it('counts requests that got no answer by their error', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const report = await load.runLoad({ target: url, count: 4, rate: 0, concurrency: 1 });
    expect(report.answered).toBe(0);
    expect(report.failures.reduce((n, f) => n + f.count, 0)).toBe(4);
    expect(report.failures.every((f) => f.error === 'ECONNREFUSED')).toBe(true);
  });

  it('rejects a bad option with a message naming it', async () => {
    await expect(load.runLoad({ concurrency: 0 })).rejects.toThrow(/concurrency/);
    await expect(load.runLoad({ rate: -1 })).rejects.toThrow(/rate/);
  });
});
