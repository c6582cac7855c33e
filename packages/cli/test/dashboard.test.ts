import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from '../../../test/support/freePort.js';
import { GENERATED_PATHS } from '../src/generate/generateFiles.js';
import { checkLogQL } from './support/logql.js';
import { DOCKER } from './support/paths.js';
import { start, stopAll, waitFor } from './support/processes.js';

interface Target {
  datasource?: { type: string; uid: string };
  expr?: string;
}
interface Panel {
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: { name: string; datasource: { uid: string }; definition: string }[] };
}

/** What Grafana puts in place of the dashboard's variables, for a query Prometheus can run. */
function substitute(query: string): string {
  return query
    .replaceAll('$service', 'orders')
    .replaceAll('$route', '.*')
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '15s')
    .replaceAll('$__range', '1h');
}

function collect<T>(
  value: unknown,
  pick: (node: Record<string, unknown>) => T | undefined,
  out: T[] = [],
): T[] {
  if (Array.isArray(value)) for (const v of value) collect(v, pick, out);
  else if (typeof value === 'object' && value !== null) {
    const found = pick(value as Record<string, unknown>);
    if (found !== undefined) out.push(found);
    for (const v of Object.values(value)) collect(v, pick, out);
  }
  return out;
}

describe('Golden signals dashboard', () => {
  let dashboard: Dashboard;
  let provisioned: Map<string, string>;
  let base: string;
  let dir: string;

  const panels = () => dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
  const targetsOf = (type: string) =>
    panels().flatMap((p) =>
      (p.targets ?? [])
        .filter((t) => (t.datasource ?? p.datasource)?.type === type)
        .map((t) => ({ panel: p.title, expr: t.expr ?? '' })),
    );

  beforeAll(async () => {
    dashboard = JSON.parse(await readFile(join(DOCKER, GENERATED_PATHS.dashboard), 'utf8')) as Dashboard;
    const datasources = parse(
      await readFile(join(DOCKER, 'grafana', 'provisioning', 'datasources', 'datasources.yaml'), 'utf8'),
    ) as { datasources: { uid: string; type: string }[] };
    provisioned = new Map(datasources.datasources.map((d) => [d.uid, d.type]));

    // A real Prometheus with an empty TSDB, loading the generated rules.
    dir = await mkdtemp(join(tmpdir(), 'signalkit-prometheus-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    await writeFile(
      join(dir, 'prometheus.yml'),
      [
        'global:',
        '  evaluation_interval: 1s',
        'rule_files:',
        `  - ${JSON.stringify(join(DOCKER, GENERATED_PATHS.recordingRules))}`,
        `  - ${JSON.stringify(join(DOCKER, GENERATED_PATHS.alertRules))}`,
        '',
      ].join('\n'),
    );
    start('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ]);
    await waitFor('Prometheus to be ready', async () => (await fetch(`${base}/-/ready`)).ok);
  });

  afterAll(async () => {
    await stopAll();
    await rm(dir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<{ status: string; error?: string }> {
    const res = await fetch(`${base}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: expr }),
    });
    return (await res.json()) as { status: string; error?: string };
  }

  it('uses only datasource uids that provisioning defines, with the matching type', () => {
    const refs = collect(dashboard, (n) => {
      const ds = n.datasource as { uid?: string; type?: string } | undefined;
      return typeof ds === 'object' && ds !== null && typeof ds.uid === 'string' ? ds : undefined;
    });
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      if (ref.type === 'grafana') continue; // the built-in annotations source
      expect(provisioned.get(ref.uid as string), `datasource uid ${ref.uid}`).toBe(ref.type);
    }
  });

  it('has the golden-signal panels and the service and route variables', () => {
    const titles = panels().map((p) => p.title);
    for (const title of [
      'Request rate by route',
      'Error ratio by route',
      'Latency p50 / p95 / p99',
      'Latency heatmap',
      'In-flight requests',
      'Event loop utilization',
      'Event loop delay',
      'Heap used and limit',
      'Log records per minute by level',
      'Firing alerts',
    ]) {
      expect(titles).toContain(title);
    }
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['service', 'route']);
  });

  it('every PromQL query of the dashboard runs on a real Prometheus', async () => {
    const targets = targetsOf('prometheus');
    expect(targets.length).toBeGreaterThan(15);
    const variables = dashboard.templating.list.map((v) => ({
      panel: `variable ${v.name}`,
      // label_values(<selector>, label): the selector is the PromQL part.
      expr: /^label_values\((.*),\s*\w+\)$/.exec(v.definition)?.[1] ?? v.definition,
    }));
    for (const { panel, expr } of [...targets, ...variables]) {
      const result = await query(substitute(expr));
      expect(result, `${panel}: ${expr}`).toMatchObject({ status: 'success' });
    }
  });

  it('a query Prometheus cannot parse fails the check (the check can fail)', async () => {
    expect((await query('sum by (job (rate(x[5m]))')).status).toBe('error');
  });

  it('every rule loads and evaluates without error on a real Prometheus', async () => {
    type Rules = {
      data: { groups: { name: string; rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const rules = async () =>
      ((await (await fetch(`${base}/api/v1/rules`)).json()) as Rules).data.groups.flatMap((g) => g.rules);
    await waitFor('every rule to be evaluated once', async () => {
      const all = await rules();
      return all.length > 0 && all.every((r) => r.health !== 'unknown');
    });
    const all = await rules();
    expect(all.length).toBe(56);
    for (const rule of all) expect(rule, rule.name).toMatchObject({ health: 'ok' });
  });

  it('every LogQL query of the dashboard is valid LogQL', () => {
    const targets = targetsOf('loki');
    expect(targets.length).toBeGreaterThan(0);
    for (const { panel, expr } of targets)
      expect(() => checkLogQL(substitute(expr)), `${panel}: ${expr}`).not.toThrow();
    // The checker itself rejects malformed queries.
    expect(() => checkLogQL('{service_name="orders"')).toThrow();
    expect(() => checkLogQL('{service_name="orders"} | severity_text=~"(error"')).toThrow();
    expect(() =>
      checkLogQL('sum by (level) (count_over_time({service_name="orders"} | json [1m]))'),
    ).not.toThrow();
    expect(() => checkLogQL('{service_name="orders"} |~ "(?i)err" | severity_text!~"(warn"')).toThrow(
      /regex/,
    );
  });

  it('every LogQL query the runbooks (docker/README.md) and the alert descriptions give is valid LogQL', async () => {
    const readme = await readFile(join(DOCKER, 'README.md'), 'utf8');
    // Inline code that starts with a stream selector; a span may wrap onto the next line.
    const inReadme = [...readme.matchAll(/`(\{[^`]+)`/g)].map((m) =>
      (m[1] as string).replace(/\s*\n\s*/g, ' '),
    );
    expect(inReadme.length).toBeGreaterThanOrEqual(3);
    const alerts = parse(await readFile(join(DOCKER, 'prometheus/rules/signalkit-alerts.yml'), 'utf8')) as {
      groups: { rules: { annotations?: { description?: string } }[] }[];
    };
    const inAlerts = alerts.groups
      .flatMap((g) => g.rules)
      .flatMap((r) => [...(r.annotations?.description ?? '').matchAll(/(\{service_name="[^"]*"\}[^.]*)\./g)])
      .map((m) => m[1] as string);
    expect(inAlerts.length).toBeGreaterThan(0);
    for (const query of [...inReadme, ...inAlerts])
      expect(() => checkLogQL(query.replaceAll('<service>', 'orders')), query).not.toThrow();
  });
});
