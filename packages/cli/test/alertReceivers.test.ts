import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { freePort } from '../../../test/support/freePort.js';
import { DOCKER } from './support/paths.js';
import { start, stopAll, waitFor } from './support/processes.js';
import { run } from './support/run.js';

// The production receiver variants of docker/alertmanager/receivers (docker/README.md, "Alert delivery").
// Secrets are read from *_file paths under /run/secrets at send time: neither amtool check-config nor
// Alertmanager at startup opens those files, so the committed files are checked as they are.
const DIR = join(DOCKER, 'alertmanager', 'receivers');
const DEMO = join(DOCKER, 'alertmanager', 'alertmanager.yml');
const VARIANTS = ['email', 'slack', 'pagerduty', 'webhook', 'production'] as const;
const file = (variant: string) => join(DIR, `${variant}.yml`);

// Fields that would hold a secret inline: each variant must use the *_file form instead.
const INLINE_SECRETS = new Set([
  'smtp_auth_password',
  'auth_password',
  'slack_api_url',
  'api_url',
  'routing_key',
  'service_key',
  'credentials',
  'password',
  'bearer_token',
]);

/** Every [key, value] pair in a parsed YAML document, depth first. */
function entries(node: unknown): [string, unknown][] {
  if (Array.isArray(node)) return node.flatMap(entries);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => [
    [key, value] as [string, unknown],
    ...entries(value),
  ]);
}

function amtoolVersion(): [number, number] {
  const match = /version (\d+)\.(\d+)/.exec(run('amtool', ['--version']).output);
  if (match === null) throw new Error('cannot read the amtool version');
  return [Number(match[1]), Number(match[2])];
}

describe.each(VARIANTS)('Alertmanager receiver variant %s.yml', (variant) => {
  it('amtool check-config accepts it', () => {
    const { status, output } = run('amtool', ['check-config', file(variant)]);
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
      `--config.file=${file(variant)}`,
      `--verify.receivers=${receiver}`,
      ...labels,
    ]);
    expect(stdout.trim(), output).toBe(receiver);
    expect(status).toBe(0);
  });

  it('keeps the routes, grouping and inhibition of the demo config', async () => {
    const demo = parse(await readFile(DEMO, 'utf8'));
    const config = parse(await readFile(file(variant), 'utf8'));
    expect(config.route).toEqual(demo.route);
    expect(config.inhibit_rules).toEqual(demo.inhibit_rules);
  });

  it('holds no secret inline: every secret comes from a *_file under /run/secrets/', async () => {
    const text = await readFile(file(variant), 'utf8');
    const all = entries(parse(text));
    expect(all.filter(([key]) => INLINE_SECRETS.has(key)).map(([key]) => key)).toEqual([]);
    const files = all.filter(([key]) => key.endsWith('_file'));
    expect(files.length).toBeGreaterThan(0);
    for (const [key, value] of files) expect(value, key).toMatch(/^\/run\/secrets\/[a-z_]+$/);
    // Every secret file is named in the header comment, which says where it comes from.
    for (const [, value] of files) expect(text.split('\nroute:')[0]).toContain(String(value));
  });
});

describe('Alertmanager receiver variants: broken copies are rejected (the checks can fail)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signalkit-am-receivers-bad-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const check = async (variant: string, edit: (text: string) => string) => {
    const text = await readFile(file(variant), 'utf8');
    const edited = edit(text);
    expect(edited).not.toBe(text);
    const path = join(dir, `${variant}.yml`);
    await writeFile(path, edited);
    return run('amtool', ['check-config', path]);
  };

  it('an inline PagerDuty key beside routing_key_file', async () => {
    const { status, output } = await check('production', (text) =>
      text.replace(
        'routing_key_file: /run/secrets/pagerduty_page_routing_key',
        'routing_key_file: /run/secrets/pagerduty_page_routing_key\n        routing_key: 0123456789abcdef',
      ),
    );
    expect(output).toContain('at most one of routing_key & routing_key_file');
    expect(status).not.toBe(0);
  });

  it('a Slack receiver without its webhook URL file', async () => {
    const { status, output } = await check('slack', (text) =>
      text.replace('slack_api_url_file: /run/secrets/slack_webhook_url', 'smtp_hello: localhost'),
    );
    expect(output).toContain('FAILED');
    expect(status).not.toBe(0);
  });

  it('a route to a receiver that does not exist', async () => {
    const { status } = await check('pagerduty', (text) =>
      text.replace('receiver: ticket', 'receiver: tickets'),
    );
    expect(status).not.toBe(0);
  });

  it('webhook url_file: Alertmanager 0.26.0 added it; older versions reject it', async () => {
    const { status, output } = await check('webhook', (text) =>
      text.replace('url: https://alerts.example.com/hooks/page', 'url_file: /run/secrets/webhook_url'),
    );
    const [major, minor] = amtoolVersion();
    if (major === 0 && minor < 26) {
      expect(output).toContain('field url_file not found');
      expect(status).not.toBe(0);
    } else {
      expect(status, output).toBe(0);
    }
  });
});

describe('Alertmanager with the webhook variant (real processes): the bearer token comes from its file', () => {
  let dir: string;
  let server: Server;
  let amPort: number;
  const TOKEN = 'test-token-from-a-file';
  const requests: { path: string; headers: IncomingHttpHeaders; body: { receiver: string } }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signalkit-am-webhook-'));
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        requests.push({
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hookPort = (server.address() as AddressInfo).port;
    amPort = await freePort();

    // The committed variant with short timers, its endpoint on this machine and the token file in a temp
    // dir (as a mounted secret would be); written without a trailing newline.
    await writeFile(join(dir, 'webhook_token'), TOKEN);
    const text = (await readFile(file('webhook'), 'utf8'))
      .replaceAll('https://alerts.example.com', `http://127.0.0.1:${hookPort}`)
      .replaceAll('/run/secrets/webhook_token', join(dir, 'webhook_token'));
    const config = parse(text);
    config.route.routes[0].group_wait = '1s';
    await writeFile(join(dir, 'alertmanager.yml'), stringify(config));

    start('prometheus-alertmanager', [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    await waitFor('Alertmanager', async () => (await fetch(`http://127.0.0.1:${amPort}/-/ready`)).ok);
  });

  afterAll(async () => {
    await stopAll();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('posts a page to the page endpoint with Authorization: Bearer <file content>', async () => {
    const posted = await fetch(`http://127.0.0.1:${amPort}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { labels: { alertname: 'ErrorBudgetBurn', severity: 'page', service: 'orders', job: 'orders' } },
      ]),
    });
    expect(posted.status).toBe(200);
    await waitFor('the page notification', async () => requests.length > 0);
    expect(requests[0]?.path).toBe('/hooks/page');
    expect(requests[0]?.body.receiver).toBe('page');
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
