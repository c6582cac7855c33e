import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildApp, startApp } from '../../support/childApp.js';
import { lines, listeningPorts } from '../../support/runNode.js';
import { APP } from './faultScenario.js';

// Who can read /metrics: by default only this host's loopback; when exposed, optionally only a scraper
// with the configured credentials.

let app: ChildApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

/** The local addresses a process listens on for `port` (Linux: its socket inodes in /proc/net/tcp{,6}). */
function boundAddresses(pid: number, port: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1] !== undefined) inodes.add(match[1]);
    } catch {
      // Closed while we looked.
    }
  }
  const found: string[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const row of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const [, local, , state, , , , , , inode] = row.trim().split(/\s+/);
      if (state !== '0A' || inode === undefined || !inodes.has(inode) || local === undefined) continue;
      const [hex, portHex] = local.split(':') as [string, string];
      if (Number.parseInt(portHex, 16) !== port) continue;
      // IPv4 in /proc is little-endian hex; IPv6 is shown as is.
      found.push(
        hex.length === 8
          ? (hex.match(/../g) as string[])
              .reverse()
              .map((b) => Number.parseInt(b, 16))
              .join('.')
          : hex,
      );
    }
  }
  return found;
}

/** A non-loopback IPv4 address of this machine, if it has one. */
const OTHER_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

async function reachable(address: string, port: number): Promise<boolean> {
  try {
    await fetch(`http://${address}:${port}/metrics`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('where /metrics listens', () => {
  it('by default, on 127.0.0.1 only: not reachable on another address of the machine', async (context) => {
    app = await startApp(APP, { mode: 'init' });
    expect(boundAddresses(app.child.pid as number, app.metricsPort)).toEqual(['127.0.0.1']);
    if (OTHER_ADDRESS === undefined) return context.skip('no non-loopback IPv4 address on this machine');
    expect(await reachable(OTHER_ADDRESS, app.metricsPort)).toBe(false);
    expect(await reachable('127.0.0.1', app.metricsPort)).toBe(true);
  });

  it('exposed on request (OTEL_EXPORTER_PROMETHEUS_HOST=0.0.0.0): reachable on the other address (control)', async (context) => {
    app = await startApp(APP, { mode: 'init', env: { OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0' } });
    expect(boundAddresses(app.child.pid as number, app.metricsPort)).toEqual(['0.0.0.0']);
    if (OTHER_ADDRESS === undefined) return context.skip('no non-loopback IPv4 address on this machine');
    expect(await reachable(OTHER_ADDRESS, app.metricsPort)).toBe(true);
  });
});

const TOKEN = 'CANARY-scrape-token-8d41';
const PASSWORD = 'CANARY-scrape-pw-2b7c';

async function scrape(started: ChildApp, authorization?: string) {
  const res = await fetch(started.metricsUrl, {
    headers: authorization === undefined ? {} : { authorization },
  });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
}

describe('scrape credentials (SIGNALKIT_METRICS_AUTH)', () => {
  it('bearer: 401 without or with a wrong token, the metrics with the right one; the token is never printed', async () => {
    app = await startApp(APP, {
      mode: 'init',
      env: { OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0', SIGNALKIT_METRICS_AUTH: `bearer:${TOKEN}` },
    });
    for (const header of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const denied = await scrape(app, header);
      expect(denied.status, String(header)).toBe(401);
      expect(denied.challenge).toBe('Bearer realm="metrics"');
      expect(denied.body).not.toContain('http_server');
    }
    const ok = await scrape(app, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('target_info');
    expect(ok.body + app.stdout() + app.stderr()).not.toContain(TOKEN);
    expect(app.stderr()).toBe('');
  });

  it('basic: the user and password, nothing else', async () => {
    app = await startApp(APP, {
      mode: 'init',
      env: {
        OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
        SIGNALKIT_METRICS_AUTH: `basic:prometheus:${PASSWORD}`,
      },
    });
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    expect((await scrape(app)).challenge).toBe('Basic realm="metrics"');
    for (const header of [undefined, basic('prometheus', 'nope'), basic('other', PASSWORD)])
      expect((await scrape(app, header)).status, String(header)).toBe(401);
    expect((await scrape(app, basic('prometheus', PASSWORD))).status).toBe(200);
    expect(app.stdout() + app.stderr()).not.toContain(PASSWORD);
  });

  it('an ill-formed value: one line that does not print it, and no endpoint at all (never open by mistake)', async () => {
    app = await startApp(APP, {
      mode: 'init',
      env: { OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0', SIGNALKIT_METRICS_AUTH: TOKEN },
    });
    const stderr = lines(app.stderr());
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain('SIGNALKIT_METRICS_AUTH');
    expect(stderr[0]).toContain('metrics are disabled');
    expect(app.stderr()).not.toContain(TOKEN);
    expect(listeningPorts(app.child.pid as number)).toEqual([app.port]);
  });
});
