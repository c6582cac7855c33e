import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { freePort } from '../../../test/support/freePort.js';
import { DOCKER } from './support/paths.js';
import { start, stopAll, waitFor } from './support/processes.js';
import { run } from './support/run.js';

const CONFIG = join(DOCKER, 'alertmanager', 'alertmanager.yml');
const RECEIVER = join(DOCKER, 'webhook-receiver', 'server.mjs');

interface Route {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

interface Received {
  path: string;
  receiver: string;
  alerts: { status: string; labels: Record<string, string> }[];
}

describe('Alertmanager config', () => {
  it('amtool check-config accepts it', () => {
    const { status, output } = run('amtool', ['check-config', CONFIG]);
    expect(output).toContain('SUCCESS');
    expect(status, output).toBe(0);
  });

  it.each([
    [['severity=page', 'service=orders', 'alertname=ErrorBudgetBurn'], 'page'],
    [['severity=ticket', 'service=orders', 'alertname=HeapNearLimit'], 'ticket'],
    [['service=orders', 'alertname=Unlabelled'], 'default'],
  ])('routes %j to the %s receiver', (labels, receiver) => {
    const { status, stdout, output } = run('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${CONFIG}`,
      `--verify.receivers=${receiver}`,
      ...labels,
    ]);
    // amtool prints the receiver on stdout; a warning about --config.file goes to stderr.
    expect(stdout.trim(), output).toBe(receiver);
    expect(status).toBe(0);
  });

  it('amtool check-config rejects a broken copy (the check can fail)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signalkit-am-bad-'));
    try {
      const text = (await readFile(CONFIG, 'utf8')).replace('receiver: ticket', 'receiver: no-such-receiver');
      await writeFile(join(dir, 'alertmanager.yml'), text);
      expect(run('amtool', ['check-config', join(dir, 'alertmanager.yml')]).status).not.toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Alertmanager with the demo webhook receiver (real processes)', () => {
  let dir: string;
  let amPort: number;
  let receiverPort: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signalkit-am-'));
    receiverPort = await freePort();
    amPort = await freePort();
    // The demo config with its timers shortened and the receiver on this machine; routes, grouping and
    // inhibition as committed.
    const config = parse(await readFile(CONFIG, 'utf8')) as {
      route: Route;
      receivers: { name: string; webhook_configs: { url: string }[] }[];
    };
    const shorten = (route: Route) => {
      route.group_wait = '1s';
      route.group_interval = '1s';
      route.repeat_interval = '1h';
      for (const child of route.routes ?? []) shorten(child);
    };
    shorten(config.route);
    for (const receiver of config.receivers) {
      for (const hook of receiver.webhook_configs) {
        hook.url = hook.url.replace('http://webhook-receiver:8080', `http://127.0.0.1:${receiverPort}`);
      }
    }
    await writeFile(join(dir, 'alertmanager.yml'), stringify(config));

    start(process.execPath, [RECEIVER], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(receiverPort), KEEP: '50' },
    });
    start('prometheus-alertmanager', [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    await waitFor(
      'the webhook receiver',
      async () => (await fetch(`http://127.0.0.1:${receiverPort}/healthz`)).ok,
    );
    await waitFor('Alertmanager', async () => (await fetch(`http://127.0.0.1:${amPort}/-/ready`)).ok);
  });

  afterAll(async () => {
    await stopAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers pages and tickets to their receivers, and a page silences the ticket of the same alert and service', async () => {
    const alert = (alertname: string, severity: string, service: string) => ({
      labels: { alertname, severity, service, job: service },
      annotations: {
        summary: `${alertname} ${severity}`,
        description: 'test',
        runbook_url: 'docker/README.md',
      },
    });
    const posted = await fetch(`http://127.0.0.1:${amPort}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        alert('ErrorBudgetBurn', 'page', 'orders'),
        alert('ErrorBudgetBurn', 'ticket', 'orders'),
        alert('ErrorBudgetBurn', 'ticket', 'inventory'),
        alert('HeapNearLimit', 'ticket', 'orders'),
      ]),
    });
    expect(posted.status).toBe(200);

    // Alertmanager marks the ticket inhibited by the page (same alertname and service), and only that one.
    const states = async () => {
      const alerts = (await (await fetch(`http://127.0.0.1:${amPort}/api/v2/alerts`)).json()) as {
        labels: Record<string, string>;
        status: { state: string; inhibitedBy: string[] };
      }[];
      return new Map(
        alerts.map((a) => [`${a.labels.alertname}/${a.labels.severity}/${a.labels.service}`, a.status]),
      );
    };
    await waitFor(
      'the orders ticket to be inhibited',
      async () => (await states()).get('ErrorBudgetBurn/ticket/orders')?.state === 'suppressed',
    );
    const now = await states();
    expect(now.get('ErrorBudgetBurn/ticket/orders')?.inhibitedBy).toHaveLength(1);
    expect(now.get('ErrorBudgetBurn/ticket/inventory')?.state).toBe('active');
    expect(now.get('HeapNearLimit/ticket/orders')?.state).toBe('active');

    const received = async () =>
      (await (await fetch(`http://127.0.0.1:${receiverPort}/alerts`)).json()) as Received[];
    const keys = async () =>
      new Set(
        (await received()).flatMap((n) =>
          n.alerts.map((a) => `${n.path} ${a.labels.alertname}/${a.labels.severity}/${a.labels.service}`),
        ),
      );
    await waitFor('three notifications', async () => (await keys()).size >= 3);
    expect([...(await keys())].sort()).toEqual([
      '/page ErrorBudgetBurn/page/orders',
      '/ticket ErrorBudgetBurn/ticket/inventory',
      '/ticket HeapNearLimit/ticket/orders',
    ]);
    for (const n of await received()) expect(n.receiver).toBe(n.path.slice(1));
  });
});
