import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXPRESS_API } from '../top/support/examplePaths.js';
import { doctor } from './support/runDoctor.js';
import { type Service, startInventory, startPlainHttp, startUpstreamExporter } from './support/services.js';

let service: Service | undefined;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'signalkit-doctor-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

/** A project folder holding only a package.json with this engines.node. */
async function projectWithEngines(name: string, range: string): Promise<string> {
  const dir = join(scratch, name);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, engines: { node: range } }));
  return dir;
}

describe('signalkit doctor on real services', () => {
  it('finds nothing wrong with the example inventory service (Express 5, @signalkit/winston)', async () => {
    service = await startInventory();
    expect(await service.get('/items/apple', '/items', '/error', '/nowhere')).toEqual([200, 200, 500, 404]);
    const run = await doctor([service.metricsUrl, '--dir', EXPRESS_API]);
    expect(run.code).toBe(0);
    const notOk = run.checks.filter((c) => c.status !== 'ok' && c.status !== 'skip');
    expect(notOk).toEqual([]);
    expect(run.check('metrics').status).toBe('ok');
    expect(run.check('route').summary).toBe('all 3 server series (404s aside) carry http_route');
    expect(run.check('cardinality').summary).toContain('of the limit of 2000 (SIGNALKIT_CARDINALITY_LIMIT)');
    expect(run.check('traces')).toMatchObject({
      status: 'skip',
      summary: expect.stringContaining('traces are off'),
    });
    expect(run.check('logs').summary).toContain('log_records_total: ');
    expect(run.check('node').summary).toContain(`service on Node.js ${process.versions.node}`);
    expect(run.check('otel-copies').status).toBe('ok');
  });

  it('names the upstream exporter when the histogram has no unit suffix', async () => {
    service = await startUpstreamExporter();
    const run = await doctor([service.metricsUrl]);
    expect(run.code).toBe(1);
    expect(run.check('metrics').status).toBe('fail');
    expect(run.check('metrics').summary).toContain(
      "http_server_request_duration has no unit suffix: these are the upstream OpenTelemetry Prometheus exporter's names",
    );
    expect(run.check('metrics').detail?.join(' ')).toContain('http_server_request_duration_seconds');
  });

  it('warns when server series have no http_route, and when logs are not counted (plain node:http)', async () => {
    service = await startPlainHttp();
    const before = await doctor([service.metricsUrl]);
    // No request yet: the HTTP metrics do not exist, the runtime ones do.
    expect(before.check('metrics').status).toBe('warn');
    expect(before.check('metrics').summary).toContain('no HTTP server metrics yet');
    expect(before.check('route').status).toBe('skip');

    await service.get('/users/1', '/users/2', '/orders/7');
    const run = await doctor([service.metricsUrl]);
    expect(run.code).toBe(0);
    expect(run.check('metrics').status).toBe('ok');
    expect(run.check('route')).toMatchObject({
      status: 'warn',
      summary: '1 of 1 server series (404s aside) have no http_route: 3 requests counted without a route',
    });
    expect(run.check('route').fix).toContain("setRoute(req, '/users/:id')");
    // The project folder has no framework without route capture: nothing is named.
    expect(run.check('route').detail).toEqual(['e.g. GET 200']);
    expect(run.check('logs').status).toBe('warn');

    // A project on a framework whose routes signalkit does not capture: the check names it.
    const project = await mkdtemp(join(tmpdir(), 'signalkit-doctor-next-'));
    try {
      for (const pkg of ['next', 'h3']) {
        await mkdir(join(project, 'node_modules', pkg), { recursive: true });
        await writeFile(
          join(project, 'node_modules', pkg, 'package.json'),
          JSON.stringify({ name: pkg, version: '1.0.0' }),
        );
      }
      const named = await doctor([service.metricsUrl, '--dir', project]);
      expect(named.check('route').detail).toEqual([
        'e.g. GET 200',
        'The project has Next.js (next), h3 (Nitro, Nuxt) (h3): signalkit does not capture their route templates yet.',
      ]);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
    expect(run.check('logs').summary).toContain('no log_records_total');
  });

  it('warns near the cardinality limit and fails once the overflow series exists (raw paths as routes)', async () => {
    service = await startPlainHttp({ ROUTE_FROM_PATH: '1', SIGNALKIT_CARDINALITY_LIMIT: '10' });
    await service.get(...Array.from({ length: 8 }, (_, i) => `/users/${i}`));
    const near = await doctor([service.metricsUrl]);
    expect(near.code).toBe(0);
    expect(near.check('cardinality')).toMatchObject({
      status: 'warn',
      summary:
        'http_server_request_duration_seconds near the limit of 10 series (SIGNALKIT_CARDINALITY_LIMIT)',
    });
    expect(near.check('cardinality').detail).toEqual([
      'http_server_request_duration_seconds: 8 series, 80 % of the limit; most values: http_route (8 values)',
    ]);

    await service.get(...Array.from({ length: 8 }, (_, i) => `/users/${i + 8}`));
    const over = await doctor([service.metricsUrl]);
    expect(over.code).toBe(1);
    expect(over.check('cardinality').status).toBe('fail');
    expect(over.check('cardinality').summary).toBe(
      'http_server_request_duration_seconds reached the limit of 10 series (SIGNALKIT_CARDINALITY_LIMIT): new attribute combinations go to one otel_metric_overflow="true" series',
    );
  });

  it('fails when the service runs a Node.js outside the project engines.node', async () => {
    service = await startPlainHttp();
    const dir = await projectWithEngines('future', '>=99');
    const run = await doctor([service.metricsUrl, '--dir', dir]);
    expect(run.code).toBe(1);
    expect(run.check('node').status).toBe('fail');
    expect(run.check('node').summary).toBe(
      `the service runs Node.js ${process.versions.node}, outside the project engines.node >=99; ` +
        `this machine runs Node.js ${process.versions.node}, outside the project engines.node >=99`,
    );
    const inRange = await doctor([
      service.metricsUrl,
      '--dir',
      await projectWithEngines('now', `>=${process.versions.node}`),
    ]);
    expect(inRange.check('node').status).toBe('ok');
  });

  it('only warns when the endpoint is down and this machine is outside engines.node', async () => {
    const dir = await projectWithEngines('old', '<20');
    const run = await doctor(['127.0.0.1:1', '--dir', dir]);
    expect(run.check('node')).toMatchObject({
      status: 'warn',
      summary: `this machine runs Node.js ${process.versions.node}, outside the project engines.node <20`,
    });
  });
});
