import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../../test/support/freePort.js';
import { REGISTER_CJS, REGISTER_ESM } from '../../support/childApp.js';
import { lines, reports, runNode } from '../../support/runNode.js';

const SHORT_CJS = resolve(import.meta.dirname, 'short.cjs');
const SHORT_MJS = resolve(import.meta.dirname, 'short.mjs');

interface Variant {
  name: string;
  args: (script: string) => string[];
  env?: Record<string, string>;
}

const PRELOADED: Variant[] = [
  { name: '--require', args: (script) => ['--require', REGISTER_CJS, script] },
  { name: '--import', args: (script) => ['--import', REGISTER_ESM, script] },
  { name: 'NODE_OPTIONS', args: (script) => [script], env: { NODE_OPTIONS: `--require ${REGISTER_CJS}` } },
];

describe.each([
  ['CommonJS', SHORT_CJS],
  ['ESM', SHORT_MJS],
])('a short %s script', (_kind, script) => {
  it('ends by itself without signalkit (the baseline)', async () => {
    const run = await runNode([script]);
    expect(run.hung).toBe(false);
    expect(run.code).toBe(0);
    // Only the pipes of stdout and stderr, which the test runner reads, are left when the loop drains.
    const [atExit] = reports(run.stdout, 'beforeExit') as string[][];
    expect(atExit?.filter((resource) => resource !== 'PipeWrap')).toEqual([]);
  });

  it.each(PRELOADED)(
    'ends by itself, the loop drained like the baseline, with the preload ($name)',
    async (variant) => {
      const baseline = await runNode([script]);
      const metricsPort = await freePort();
      const run = await runNode(variant.args(script), {
        env: { OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort), SCRAPE_METRICS: '1', ...variant.env },
      });
      expect(run.hung, `still running after 30 s; stdout: ${run.stdout}`).toBe(false);
      expect(run.code).toBe(0);
      expect(run.signal).toBeNull();
      expect(lines(run.stdout)).toContain('work done');
      // beforeExit only fires once nothing keeps the loop alive: the endpoint, its scrape connection,
      // the runtime sampling and the HTTP subscriptions must all be unref'd or gone.
      expect(reports(run.stdout, 'beforeExit')).toEqual(reports(baseline.stdout, 'beforeExit'));
      expect(run.stderr).toBe('');
      if (script === SHORT_CJS) {
        // The endpoint was really up and had recorded the script's requests.
        expect(reports(run.stdout, 'scraped')).toEqual([{ status: 200, counted: 2, ownEndpoint: true }]);
      }
    },
  );
});
