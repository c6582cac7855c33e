import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../../../../test/support/childProcess.js';
import { SIGNALKIT_BIN } from './support/examplePaths.js';
import { type ExampleServices, startExampleServices } from './support/exampleServices.js';
import { runLoad } from './support/loadGenerator.js';

interface Breach {
  signal: string;
  alert: string;
  severity: string;
  route?: { method: string | null; route: string | null };
  value: number;
  threshold: number;
}

/** The part of `signalkit top --json` this test reads. */
interface TopJson {
  thresholdsFrom: string;
  services: {
    service: string;
    thresholds: {
      latencyThresholdSeconds: number;
      errorRatioBurn: { severity: string; window: string; ratio: number }[];
    } | null;
    total: { requests: number; errorRatio: number; slowRatio: number | null };
    routes: { method: string | null; route: string | null; requests: number; slowRatio: number | null }[];
    breaches: Breach[];
  }[];
}

/**
 * orders held to a tighter SLO than the defaults: 99.9% available (a page above 14.4 x 0.1% = 1.44%) and
 * 95% of requests under 250 ms, so the example's /slow route (300 ms) is slow, as it is not under the
 * default 500 ms. inventory is left out: it has no alert rules.
 */
const SLO = `
services:
  orders:
    availability: { objective: 99.9% }
    latency: { threshold: 250ms, objective: 95%, p99: 2.5s }
`;

describe('signalkit top --slo on the example services under load with errors', () => {
  let scratch: string;
  let sloPath: string;
  let services: ExampleServices;
  let top: TopJson;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'signalkit-top-slo-'));
    sloPath = join(scratch, 'slo.yaml');
    await writeFile(sloPath, SLO);
    services = await startExampleServices();
    const topProcess = startChild(process.execPath, [
      SIGNALKIT_BIN,
      'top',
      '--once',
      '--json',
      '--interval',
      '6',
      '--slo',
      sloPath,
      services.ordersMetricsUrl,
      services.inventoryMetricsUrl,
    ]);
    await topProcess.waitFor('first scrape done');
    // 200 requests of the fixed mix (per 100: 60 GET /orders/:id, 15 POST /orders, 10 /slow, 10 /error, 5 404s).
    await runLoad(services.ordersUrl, ['--count', '200', '--rate', '100', '--concurrency', '4']);
    expect(await topProcess.exited, topProcess.stderr()).toBe(0);
    top = JSON.parse(topProcess.stdout()) as TopJson;
  }, 90_000);

  afterAll(async () => {
    await services?.stop();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  const orders = () => top.services.find((s) => s.service === 'orders')!;
  const routeBreaches = (route: string | null) =>
    orders()
      .breaches.filter((b) => b.route !== undefined && b.route.route === route)
      .map((b) => `${b.alert} ${b.severity}`);

  it("names the SLO file and checks orders against the file's thresholds", () => {
    expect(top.thresholdsFrom).toBe(sloPath);
    expect(orders().thresholds).toMatchObject({
      latencyThresholdSeconds: 0.25,
    });
    expect(orders().thresholds?.errorRatioBurn[0]).toEqual({
      severity: 'page',
      window: '1h',
      ratio: 14.4 * 0.001,
    });
    expect(orders().total.requests).toBeGreaterThanOrEqual(200);
  });

  it('marks the error route and the service as paging, from the file objective', () => {
    expect(routeBreaches('/error')).toEqual(['ErrorBudgetBurn page']);
    expect(orders().breaches.filter((b) => b.route === undefined)).toContainEqual({
      signal: 'errorRatio',
      alert: 'ErrorBudgetBurn',
      severity: 'page',
      value: orders().total.errorRatio,
      threshold: 14.4 * 0.001,
      window: '1h',
    });
    // 10% of the requests failed: above the file's 1.44%, under the 7.2% the defaults would page at.
    expect(orders().total.errorRatio).toBeGreaterThan(0.0144);
    expect(orders().total.errorRatio).toBeLessThan(0.2);
  });

  it("marks the slow route against the file's 250 ms threshold", () => {
    const slow = orders().routes.find((r) => r.route === '/slow')!;
    expect(slow.slowRatio).toBe(1);
    expect(routeBreaches('/slow')).toEqual(['LatencyBudgetBurn page']);
  });

  it('leaves the healthy routes unmarked', () => {
    for (const route of ['/orders/:id', '/orders', null]) {
      expect(
        orders().routes.some((r) => r.route === route && r.requests > 0),
        String(route),
      ).toBe(true);
      expect(routeBreaches(route), String(route)).toEqual([]);
    }
  });

  it('marks nothing on inventory, which the file does not list (no alert rules)', () => {
    const inventory = top.services.find((s) => s.service === 'inventory')!;
    expect(inventory.thresholds).toBeNull();
    expect(inventory.breaches).toEqual([]);
  });
});

describe('signalkit top --slo with a bad SLO file', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'signalkit-top-slo-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('gives the error signalkit generate gives for it, before any scrape, with the usage exit code', async () => {
    const bad = join(scratch, 'bad.yaml');
    await writeFile(
      bad,
      'services:\n  api:\n    availability: { objective: 100% }\n    latency: { threshold: 300ms }\n',
    );
    const generate = startChild(process.execPath, [
      SIGNALKIT_BIN,
      'generate',
      '--slo',
      bad,
      '--out',
      scratch,
    ]);
    await generate.exited;
    const problem = generate.stderr().replace(/^signalkit generate: /, '');
    expect(problem).toMatch(/^invalid SLO file .*bad\.yaml: \n {2}services\.api\.availability\.objective: /);
    // No endpoint listens on port 9: the SLO file is read first.
    const top = startChild(process.execPath, [SIGNALKIT_BIN, 'top', '--once', '--slo', bad, '127.0.0.1:9']);
    expect(await top.exited).toBe(2);
    expect(top.stderr()).toBe(`signalkit top: ${problem}`);
    expect(top.stdout()).toBe('');
  });
});
