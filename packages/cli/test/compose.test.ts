import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCKER, ROOT } from './support/paths.js';
import { type RunResult, run, runAsync } from './support/run.js';

const COMPOSE = join(DOCKER, 'compose.yaml');

/** The image of each service as pinned: the upstream-verified set (docker/README.md, "Versions"). */
const PINNED: Record<string, string> = {
  'otel-collector': 'otel/opentelemetry-collector-contrib:0.159.0',
  prometheus: 'prom/prometheus:v3.14.0',
  alertmanager: 'prom/alertmanager:v0.34.0',
  loki: 'grafana/loki:3.7.6',
  jaeger: 'jaegertracing/jaeger:2.20.0',
  grafana: 'grafana/grafana:13.2.0',
  'webhook-receiver': 'node:24.19.0-slim',
  'otel-collector-health': 'node:24.19.0-slim',
};

interface Service {
  image?: string;
  build?: unknown;
  ports?: unknown[];
  healthcheck?: { test: unknown };
  volumes?: (string | { type: string; source: string })[];
}

/**
 * `docker compose config` where the compose plugin is installed; otherwise compose-go (the library the plugin
 * loads compose files with: the compose JSON schema, interpolation, references) through docker/test/compose-config,
 * built once by scripts/build-compose-config.sh (the test command builds it before the tests; here it only checks).
 * The resolved model is the command's stdout; its stderr only explains a failure.
 */
async function composeConfig(file: string): Promise<RunResult> {
  const plugin = run('docker', ['compose', 'version']);
  if (plugin.status === 0) return run('docker', ['compose', '-f', file, 'config']);
  const built = await runAsync('bash', [join(ROOT, 'scripts', 'build-compose-config.sh')], {
    timeoutMillis: 600_000,
  });
  if (built.status !== 0)
    throw new Error(`scripts/build-compose-config.sh failed (exit ${built.status}):\n${built.output}`);
  return run(built.stdout.trim(), [file]);
}

describe('docker/compose.yaml', () => {
  let resolved: { services: Record<string, Service>; volumes: Record<string, unknown> };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signalkit-compose-'));
    const { status, stdout, output } = await composeConfig(COMPOSE);
    expect(status, output).toBe(0);
    resolved = parse(stdout) as typeof resolved;
  }, 620_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads (schema, interpolation, references) and has every service of the stack', () => {
    expect(Object.keys(resolved.services).sort()).toEqual(
      ['orders', 'inventory', ...Object.keys(PINNED)].sort(),
    );
  });

  it('pins every image to an exact version; the apps build on the pinned Node image', async () => {
    for (const [name, image] of Object.entries(PINNED))
      expect(resolved.services[name]?.image, name).toBe(image);
    for (const name of ['orders', 'inventory']) expect(resolved.services[name]?.build, name).toBeDefined();
    const dockerfile = await readFile(join(DOCKER, 'app', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('ARG NODE_IMAGE=node:24.19.0-slim');
    expect(dockerfile).toMatch(/--frozen-lockfile/);
  });

  it('publishes only Grafana and the apps, on 127.0.0.1', () => {
    const published = Object.entries(resolved.services)
      .filter(([, s]) => (s.ports ?? []).length > 0)
      .map(([name, s]) => [
        name,
        (s.ports as { host_ip: string; target: number }[]).map((p) => `${p.host_ip}->${p.target}`),
      ]);
    expect(Object.fromEntries(published)).toEqual({
      grafana: ['127.0.0.1->3000'],
      orders: ['127.0.0.1->3000'],
      inventory: ['127.0.0.1->3001'],
    });
  });

  it('has a healthcheck on every service but the shell-less collector, which is probed from outside', () => {
    for (const [name, service] of Object.entries(resolved.services)) {
      if (name === 'otel-collector') expect(service.healthcheck, name).toBeUndefined();
      else expect(service.healthcheck?.test, name).toBeDefined();
    }
    const probe = JSON.stringify(resolved.services['otel-collector-health']?.healthcheck?.test);
    expect(probe).toContain('http://otel-collector:13133/');
  });

  it('keeps state in named volumes', () => {
    expect(Object.keys(resolved.volumes).sort()).toEqual([
      'alertmanager-data',
      'grafana-data',
      'loki-data',
      'prometheus-data',
    ]);
    for (const [service, target] of [
      ['prometheus', 'prometheus-data'],
      ['alertmanager', 'alertmanager-data'],
      ['loki', 'loki-data'],
      ['grafana', 'grafana-data'],
    ] as const) {
      const volumes = resolved.services[service]?.volumes ?? [];
      expect(
        volumes.some((v) => typeof v === 'object' && v.type === 'volume' && v.source === target),
        service,
      ).toBe(true);
    }
  });

  it('rejects a copy where a service depends on one that does not exist (the check can fail)', async () => {
    const text = (await readFile(COMPOSE, 'utf8')).replace(
      '      inventory:\n        condition: service_healthy',
      '      inventroy:\n        condition: service_healthy',
    );
    const copy = join(dir, 'compose.yaml');
    await writeFile(copy, text);
    const { status, output } = await composeConfig(copy);
    expect(output).toContain('inventroy');
    expect(status).not.toBe(0);
  }, 620_000);
});
