import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { GENERATED_PATHS } from '../src/generate/generateFiles.js';
import { DOCKER } from './support/paths.js';
import { run, runAsync } from './support/run.js';

const PROMETHEUS_DIR = join(DOCKER, 'prometheus');

describe('Prometheus rules and config (promtool)', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'signalkit-promtool-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('promtool check config accepts prometheus.yml and the rule files it loads', () => {
    const { status, output } = run('promtool', ['check', 'config', join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect(output).toMatch(/SUCCESS: 2 rule files found/);
    expect(status, output).toBe(0);
  });

  it('promtool check rules accepts the recording and alert rules (no duplicates)', () => {
    const files = [GENERATED_PATHS.recordingRules, GENERATED_PATHS.alertRules].map((p) => join(DOCKER, p));
    const { status, output } = run('promtool', ['check', 'rules', ...files]);
    expect(status, output).toBe(0);
  });

  it('promtool test rules: every alert fires where it should and stays silent where it should not', async () => {
    const { status, output } = await runAsync(
      'promtool',
      ['test', 'rules', join(DOCKER, GENERATED_PATHS.ruleTests)],
      {
        timeoutMillis: 300_000,
      },
    );
    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  }, 310_000);

  it('the rule tests fail when an alert threshold is changed by hand', async () => {
    // A copy of the rules with the orders ELU threshold raised, and only the tests about it.
    await cp(join(PROMETHEUS_DIR, 'rules'), join(scratch, 'rules'), { recursive: true });
    const alertsPath = join(scratch, GENERATED_PATHS.alertRules.replace('prometheus/', ''));
    const alerts = await readFile(alertsPath, 'utf8');
    const edited = alerts.replace(
      'nodejs_eventloop_utilization_ratio{job="orders"}[5m]) > 0.9',
      'nodejs_eventloop_utilization_ratio{job="orders"}[5m]) > 0.97',
    );
    expect(edited).not.toBe(alerts);
    await writeFile(alertsPath, edited);
    const testsPath = join(scratch, GENERATED_PATHS.ruleTests.replace('prometheus/', ''));
    const doc = parse(await readFile(testsPath, 'utf8')) as { tests: { name: string }[] };
    doc.tests = doc.tests.filter((t) => t.name.startsWith('orders: event loop utilization'));
    expect(doc.tests).toHaveLength(2);
    await writeFile(testsPath, stringify(doc, { lineWidth: 0 }));
    const { status, output } = run('promtool', ['test', 'rules', testsPath]);
    expect(output).toContain('orders: event loop utilization above its threshold fires');
    expect(status).not.toBe(0);
  });
});
