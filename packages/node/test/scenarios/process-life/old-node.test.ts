import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { isSupportedNode, MIN_NODE_VERSION } from '../../../src/nodeVersion.js';
import { REGISTER_CJS, REGISTER_ESM } from '../../support/childApp.js';
import { lines, reports, runNode } from '../../support/runNode.js';

const ONESHOT = resolve(import.meta.dirname, 'oneshot.cjs');

/** A node binary on this machine older than signalkit supports, if there is one. */
function findOldNode(): { path: string; version: string } | undefined {
  const candidates = [
    '/usr/bin/node',
    '/usr/bin/nodejs',
    '/usr/local/bin/node',
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'node')),
  ];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    let path: string;
    try {
      path = realpathSync(candidate);
    } catch {
      continue;
    }
    if (seen.has(path)) continue;
    seen.add(path);
    const probe = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    const version = probe.stdout?.trim();
    if (probe.status === 0 && version && !isSupportedNode(version)) return { path, version };
  }
  return undefined;
}

const OLD = findOldNode();
const NO_OLD_NODE = `no Node.js older than ${MIN_NODE_VERSION} on this machine (looked in /usr/bin, /usr/local/bin and PATH)`;

interface Report {
  node: string;
  served: string;
  metricsPort: 'open' | 'refused';
  health: { active: boolean; metrics: { state: string; reason?: string } } | null;
}

async function run(node: string | undefined, preload: string[], env: Record<string, string> = {}) {
  const metricsPort = await freePort();
  const result = await runNode([...preload, ONESHOT], {
    ...(node === undefined ? {} : { node }),
    env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort), ...env },
  });
  return { ...result, report: reports(result.stdout, 'report')[0] as Report | undefined };
}

describe('the probe (supported Node.js, control)', () => {
  it('sees the endpoint listen, and nothing printed', async () => {
    const result = await run(undefined, ['--require', REGISTER_CJS]);
    expect(result.report).toMatchObject({ served: 'ok', metricsPort: 'open' });
    expect(result.stderr).toBe('');
  });
});

describe(`an unsupported Node.js (${OLD?.version ?? 'none found'})`, () => {
  const unsupportedLine = `signalkit warn: Node.js ${OLD?.version} is not supported (needs >= ${MIN_NODE_VERSION}); signalkit does nothing`;

  it.for([
    ['--require', ['--require', REGISTER_CJS]],
    ['--import', ['--import', REGISTER_ESM]],
  ] as const)(
    'with the preload (%s): one line, and the app runs without signalkit',
    async ([, preload], context) => {
      if (OLD === undefined) return context.skip(NO_OLD_NODE);
      const result = await run(OLD.path, [...preload]);
      expect(result.hung).toBe(false);
      expect(result.code).toBe(0);
      expect(result.report).toMatchObject({ node: OLD.version, served: 'ok', metricsPort: 'refused' });
      expect(lines(result.stderr)).toEqual([unsupportedLine]);
    },
  );

  it('initObservability(): one line, an inactive handle that says why, and the app runs', async (context) => {
    if (OLD === undefined) return context.skip(NO_OLD_NODE);
    const result = await run(OLD.path, [], { SIGNALKIT_TEST_INIT: '1' });
    expect(result.code).toBe(0);
    expect(result.report).toMatchObject({
      served: 'ok',
      metricsPort: 'refused',
      health: { active: false, metrics: { state: 'disabled' } },
    });
    expect(result.report?.health?.metrics.reason).toContain(`Node.js ${OLD.version} is not supported`);
    expect(lines(result.stderr)).toEqual([unsupportedLine]);
  });
});
