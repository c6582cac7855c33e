import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/commands/generate.js';
import { GENERATED_PATHS } from '../src/generate/generateFiles.js';
import { ALERT_NAMES } from '../src/model/alerts.js';
import { PROM } from '../src/model/metricNames.js';
import { DOCKER } from './support/paths.js';

const SLO = join(DOCKER, 'slo.yaml');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

describe('signalkit generate', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'signalkit-generate-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  it('regenerates exactly the files committed in docker/ from docker/slo.yaml', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await main(['--slo', SLO, '--out', out])).toBe(0);
    const written = (await filesUnder(out)).sort();
    expect(written).toEqual(Object.values(GENERATED_PATHS).sort());
    for (const path of written) {
      const fresh = await readFile(join(out, path), 'utf8');
      const committed = await readFile(join(DOCKER, path), 'utf8').catch(() => '(missing)');
      // On failure: run `signalkit generate --slo docker/slo.yaml --out docker` and commit the result.
      expect(committed, `docker/${path} is stale`).toBe(fresh);
    }
  });

  it('--check passes on the committed files and fails once one of them differs', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['--slo', SLO, '--out', DOCKER, '--check'])).toBe(0);
    const copy = await mkdtemp(join(tmpdir(), 'signalkit-generate-check-'));
    try {
      expect(await main(['--slo', SLO, '--out', copy])).toBe(0);
      await writeFile(join(copy, GENERATED_PATHS.alertRules), '# edited by hand\n');
      expect(await main(['--slo', SLO, '--out', copy, '--check'])).toBe(1);
      expect(error.mock.calls.flat().join('\n')).toContain(GENERATED_PATHS.alertRules);
    } finally {
      await rm(copy, { recursive: true, force: true });
      log.mockRestore();
      error.mockRestore();
    }
  });

  it('refuses an invalid SLO file with the field and the reason, and writes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signalkit-generate-bad-'));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await writeFile(join(dir, 'slo.yaml'), 'services:\n  api:\n    latency: { threshold: 300ms }\n');
      expect(await main(['--slo', join(dir, 'slo.yaml'), '--out', join(dir, 'out')])).toBe(2);
      expect(error.mock.calls.flat().join('\n')).toContain(
        'services.api.latency.threshold: 0.3s is not a bucket bound',
      );
      expect(await readdir(dir)).toEqual(['slo.yaml']);
      expect(await main(['--slo', join(dir, 'slo.yaml')])).toBe(2);
      error.mockClear();
      expect(await main(['--slo', join(dir, 'missing.yaml'), '--out', join(dir, 'out')])).toBe(2);
      expect(error.mock.calls.flat().join('\n')).toMatch(
        /^signalkit generate: cannot read the SLO file .*missing\.yaml: ENOENT/,
      );
    } finally {
      error.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives every alert for:, a severity, a service, a summary, a description with a value and a runbook link', async () => {
    const doc = parse(await readFile(join(DOCKER, GENERATED_PATHS.alertRules), 'utf8')) as {
      groups: {
        rules: {
          alert: string;
          for?: string;
          labels: Record<string, string>;
          annotations: Record<string, string>;
        }[];
      }[];
    };
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(new Set(rules.map((r) => r.alert))).toEqual(new Set(ALERT_NAMES));
    for (const rule of rules) {
      expect(rule.for, rule.alert).toMatch(/^\d+[smh]$/);
      expect(['page', 'ticket'], rule.alert).toContain(rule.labels.severity);
      expect(['orders', 'inventory'], rule.alert).toContain(rule.labels.service);
      expect(rule.annotations.summary, rule.alert).toMatch(/\{\{ \$labels\.\w+ \}\}/);
      expect(rule.annotations.description, rule.alert).toMatch(
        /\{\{ (\$value|printf "%\.2f" \$value)[^}]*\}\}/,
      );
      expect(rule.annotations.runbook_url).toBe(`docker/README.md#${rule.alert.toLowerCase()}`);
    }
    // Both severities of each burn-rate alert, per service.
    for (const alert of ['ErrorBudgetBurn', 'LatencyBudgetBurn']) {
      const severities = rules
        .filter((r) => r.alert === alert)
        .map((r) => `${r.labels.service}/${r.labels.severity}`);
      expect(severities.sort()).toEqual([
        'inventory/page',
        'inventory/ticket',
        'orders/page',
        'orders/ticket',
      ]);
    }
  });

  it('has, for every alert rule, a promtool case where it fires and one where it stays silent', async () => {
    const alerts = parse(await readFile(join(DOCKER, GENERATED_PATHS.alertRules), 'utf8')) as {
      groups: { rules: { alert: string; labels: Record<string, string> }[] }[];
    };
    const tests = parse(await readFile(join(DOCKER, GENERATED_PATHS.ruleTests), 'utf8')) as {
      tests: {
        name: string;
        alert_rule_test: { alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[];
      }[];
    };
    for (const rule of alerts.groups.flatMap((g) => g.rules)) {
      const id = `${rule.alert} ${JSON.stringify(rule.labels)}`;
      const matches = (e: { exp_labels: Record<string, string> }) =>
        Object.entries(rule.labels).every(([k, v]) => e.exp_labels[k] === v);
      const cases = tests.tests.flatMap((t) =>
        t.alert_rule_test
          .filter((c) => c.alertname === rule.alert)
          .map((c) => ({ test: t.name, fires: c.exp_alerts.some(matches) })),
      );
      const service = rule.labels.service as string;
      expect(
        cases.some((c) => c.fires),
        `${id} fires somewhere`,
      ).toBe(true);
      expect(
        cases.some(
          (c) => !c.fires && c.test.startsWith(`${service}:`) && !c.test.startsWith(`${service}: healthy`),
        ),
        `${id} stays silent near its threshold`,
      ).toBe(true);
    }
  });

  it('takes metric names from @signalkit/node, never retyped', async () => {
    const rules = await readFile(join(DOCKER, GENERATED_PATHS.recordingRules), 'utf8');
    expect(rules).toContain(`${PROM.httpDuration}_count`);
    expect(PROM.httpDuration).toBe('http_server_request_duration_seconds');
    expect(PROM.logRecords).toBe('log_records_total');
  });

  it('has a runbook section in docker/README.md for every alert', async () => {
    const readme = await readFile(join(DOCKER, 'README.md'), 'utf8');
    const headings = [...readme.matchAll(/^### (\w+)\s*$/gm)].map((m) => m[1]);
    for (const alert of ALERT_NAMES) expect(headings, `### ${alert}`).toContain(alert);
  });
});
