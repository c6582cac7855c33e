import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Child, startChild } from '../../../../test/support/childProcess.js';
import { SIGNALKIT_BIN } from './support/examplePaths.js';
import { type FakeEndpoint, fakeEndpoint } from './support/fakeEndpoint.js';

const URL_LINE = /^signalkit top: (http:\/\/127\.0\.0\.1:(\d+)\/)$/m;

let endpoint: FakeEndpoint;
const children: Child[] = [];

beforeEach(async () => {
  endpoint = await fakeEndpoint('inventory', '/items/:sku');
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
  await endpoint.close();
});

/** `signalkit top --web` on the fake endpoint; resolves once it printed its URL. */
async function topWeb(...args: string[]): Promise<{ child: Child; url: string; port: number }> {
  const child = startChild(process.execPath, [SIGNALKIT_BIN, 'top', '--web', ...args, endpoint.url]);
  children.push(child);
  await child.waitFor((out) => URL_LINE.test(out), { what: 'the URL line' });
  const [, url, port] = URL_LINE.exec(child.stdout()) as RegExpExecArray;
  return { child, url: url as string, port: Number(port) };
}

describe('signalkit top --web', () => {
  it('prints its URL as one line on stdout, and nothing else', async () => {
    const { child, url } = await topWeb('--port', '0', '-i', '0.2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(child.stdout()).toBe(`signalkit top: ${url}\n`);
    expect(child.stderr()).toBe('');
  });

  it('serves the history of snapshots, each as --json prints it, the latest last', async () => {
    const { url } = await topWeb('--port', '0', '-i', '0.2');
    let api: {
      schema: string;
      sequence: number;
      snapshots: { schema: string; time: string }[];
      latest: unknown;
    };
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      api = (await (await fetch(`${url}api/snapshots`)).json()) as typeof api;
    } while (api.snapshots.length < 3);
    expect(api.schema).toBe('signalkit.top.web/v1');
    expect(api.sequence).toBe(api.snapshots.length);
    expect(api.latest).toEqual(api.snapshots.at(-1));
    const once = startChild(process.execPath, [
      SIGNALKIT_BIN,
      'top',
      '--once',
      '--json',
      '-i',
      '0.2',
      endpoint.url,
    ]);
    expect(await once.exited).toBe(0);
    const json = JSON.parse(once.stdout());
    const [second] = api.snapshots.slice(1) as Record<string, unknown>[];
    // Same keys at each level (values differ: other windows).
    const shape = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.slice(0, 1).map(shape)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
          : typeof value;
    expect(shape(second)).toEqual(shape(json));
    const times = api.snapshots.map((s) => Date.parse(s.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers with a strict Content-Security-Policy, and refuses other hosts, paths and methods', async () => {
    const { url, port } = await topWeb('--port', '0');
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'self'; script-src 'nonce-[A-Za-z0-9+/=]+'; style-src 'nonce-/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await page.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    // A fresh nonce for each page.
    const again = (await fetch(url)).headers.get('content-security-policy');
    expect(again).not.toBe(csp);
    // A name other than 127.0.0.1 or localhost with this port: a DNS rebinding page, refused.
    const { request } = await import('node:http');
    const status = (host: string) =>
      new Promise<number>((resolve, reject) =>
        request({ host: '127.0.0.1', port, path: '/api/snapshots', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
    expect(await status('evil.example')).toBe(403);
    expect(await status(`evil.example:${port}`)).toBe(403);
    expect(await status(`localhost:${port}`)).toBe(200);
    expect((await fetch(`${url}nothing`)).status).toBe(404);
    expect((await fetch(`${url}api/snapshots`, { method: 'POST' })).status).toBe(405);
  });

  it('closes the server and exits 0 on SIGTERM and on Ctrl-C (SIGINT)', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, url } = await topWeb('--port', '0');
      child.process.kill(signal);
      expect(await child.exited, `${signal}: ${child.stderr()}`).toBe(0);
      await expect(fetch(url)).rejects.toThrow();
    }
  });

  it('reads the SLO file before it serves: a bad one exits 2 without a URL, a good one marks by it', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'signalkit-top-web-'));
    try {
      const bad = join(scratch, 'bad.yaml');
      await writeFile(bad, 'services:\n  inventory:\n    availability: { objective: 100% }\n');
      const refused = startChild(process.execPath, [
        SIGNALKIT_BIN,
        'top',
        '--web',
        '--port',
        '0',
        '--slo',
        bad,
        endpoint.url,
      ]);
      expect(await refused.exited).toBe(2);
      expect(refused.stderr()).toMatch(/^signalkit top: invalid SLO file .*bad\.yaml: /);
      expect(refused.stdout()).toBe('');

      const good = join(scratch, 'slo.yaml');
      await writeFile(good, 'services:\n  inventory:\n    availability: { objective: 99.9% }\n');
      const { url } = await topWeb('--port', '0', '-i', '0.2', '--slo', good);
      let api: { snapshots: { thresholdsFrom: string; services: { thresholds: unknown }[] }[] };
      do {
        await new Promise((resolve) => setTimeout(resolve, 200));
        api = (await (await fetch(`${url}api/snapshots`)).json()) as typeof api;
      } while (api.snapshots.length < 1);
      expect(api.snapshots[0]!.thresholdsFrom).toBe(good);
      expect(api.snapshots[0]!.services[0]!.thresholds).toMatchObject({
        errorRatioBurn: [{ severity: 'page', window: '1h', ratio: 14.4 * 0.001 }, {}, {}, {}],
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain(`thresholds: ${good}, as signalkit generate writes its alerts`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('says the port is in use and exits 6', async () => {
    const { port } = await topWeb('--port', '0');
    const second = startChild(process.execPath, [
      SIGNALKIT_BIN,
      'top',
      '--web',
      '--port',
      String(port),
      endpoint.url,
    ]);
    expect(await second.exited).toBe(6);
    expect(second.stderr()).toContain(
      `signalkit top: cannot serve the web view: 127.0.0.1:${port} is in use.`,
    );
    expect(second.stderr()).toContain('--port 0');
    expect(second.stdout()).toBe('');
  });
});
