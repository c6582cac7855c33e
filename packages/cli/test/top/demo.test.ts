import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startChild } from '../../../../test/support/childProcess.js';

const DEMO = resolve(import.meta.dirname, '../../../../scripts/demo.sh');

describe('scripts/demo.sh', () => {
  it('off a terminal: runs for a bounded time, prints one snapshot of both services and exits 0', async () => {
    // stdout is a pipe here, so the demo takes its CI path (--once); --no-setup: the suite has built.
    const demo = startChild('bash', [DEMO, '--no-setup'], { env: { HOME: process.env.HOME ?? '' } });
    const code = await demo.exited;
    const out = demo.stdout();
    expect(code, `${out}\n${demo.stderr()}`).toBe(0);
    expect(out).toMatch(/orders +http:\/\/127\.0\.0\.1:\d+ +metrics http:\/\/127\.0\.0\.1:\d+\/metrics/);
    // top reads the demo's SLO file: inventory is held to its own, tighter thresholds.
    expect(out).toContain('thresholds: docker/slo.yaml, as signalkit generate writes its alerts');
    expect(out).toMatch(
      /^ {2}alerts at: 5xx 1\.44%\/1h 0\.6%\/6h page, 0\.3%\/1d 0\.1%\/3d ticket · >250 ms /m,
    );
    expect(out).toMatch(/^orders {2}http:\/\/127\.0\.0\.1:\d+\/metrics/m);
    expect(out).toMatch(/^inventory {2}http:\/\/127\.0\.0\.1:\d+\/metrics/m);
    for (const route of ['/orders/:id', '/orders', '/slow', '/error', '(no route)'])
      expect(out).toMatch(new RegExp(`(GET|POST) +${route.replace(/[()]/g, '\\$&')} +\\d`));
    expect(out).toMatch(/GET +\/items\/:sku +\d/);
    // /error answers 500 every time: 10% of orders' requests fail, which would page with its 99.5% SLO.
    // (Within 1h at 7.2%, or 6h at 3% when the 6 s window caught fewer of them.)
    expect(out).toMatch(
      /!! orders: 5xx ratio [\d.]+% > (7\.2% \(ErrorBudgetBurn: would page if it lasts 1h|3% \(ErrorBudgetBurn: would page if it lasts 6h)\)/,
    );
    expect(out).toContain(
      '!! orders GET /error: 5xx ratio 100.0% > 7.2% (ErrorBudgetBurn: would page if it lasts 1h)',
    );
    expect(out).toContain('What the load generator sent');
    // Plain text off a terminal.
    expect(out).not.toContain('\u001b');
    // Nothing left running: the services' ports are free again.
    const ports = [...out.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
    for (const port of new Set(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/`), String(port)).rejects.toThrow();
    }
  }, 90_000);
});
