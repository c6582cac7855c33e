import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/freePort.js';
import { fixedAnswerServer } from '../support/fixedAnswerServer.js';
import { doctor } from './support/runDoctor.js';

const answers = fixedAnswerServer();
afterEach(() => answers.close());
const serve = answers.serve;

const SCRAPE_CHECKS = ['metrics', 'route', 'cardinality', 'traces', 'logs'];

describe('signalkit doctor: the endpoint', () => {
  it('fails when nothing listens, says so in words, skips what needs metrics, and exits 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}/metrics`;
    const run = await doctor([url]);
    expect(run.code).toBe(1);
    expect(run.check('endpoint')).toMatchObject({
      status: 'fail',
      summary: `cannot reach ${url}: connection refused (nothing listens on ${new URL(url).host})`,
    });
    expect(run.check('endpoint').fix).toContain('node --import @signalkit/node/register');
    for (const id of SCRAPE_CHECKS) expect(run.check(id).status, id).toBe('skip');
  });

  it('fails on an HTML page: not Prometheus text', async () => {
    const url = await serve(200, 'text/html', '<!DOCTYPE html>\n<html><body>shop</body></html>\n');
    const run = await doctor([url]);
    expect(run.code).toBe(1);
    expect(run.check('endpoint').status).toBe('fail');
    expect(run.check('endpoint').summary).toContain(`${url} did not answer Prometheus text (text/html)`);
    expect(run.check('endpoint').fix).toContain('not a metrics endpoint');
  });

  it('fails on a 401 and explains that the endpoint wants credentials', async () => {
    const url = await serve(401, 'text/plain', 'unauthorized\n');
    const run = await doctor([url]);
    expect(run.code).toBe(1);
    expect(run.check('endpoint').summary).toContain('answered 401');
    expect(run.check('endpoint').fix).toContain('SIGNALKIT_METRICS_AUTH');
  });

  it('fails when the Prometheus text holds no golden-signal metric', async () => {
    const url = await serve(
      200,
      'text/plain; version=0.0.4',
      '# TYPE go_goroutines gauge\ngo_goroutines 12\nprocess_open_fds 9\n',
    );
    const run = await doctor([url]);
    expect(run.code).toBe(1);
    expect(run.check('endpoint').status).toBe('ok');
    expect(run.check('metrics')).toMatchObject({ status: 'fail' });
    expect(run.check('metrics').summary).toContain(
      'Prometheus text (2 samples) but no golden-signal metrics',
    );
    expect(run.check('traces').status).toBe('skip');
  });

  it('prints one line per check with ASCII markers when stdout is not a terminal, then the counts', async () => {
    const url = `http://127.0.0.1:${await freePort()}/metrics`;
    const run = await doctor([url], { text: true });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`signalkit doctor: ${url} (project ${process.cwd()})`);
    expect(lines).toContain(
      // The id column is as wide as the longest check id (instrumentations).
      `[FAIL] ${'endpoint'.padEnd('instrumentations'.length + 2)}cannot reach ${url}: connection refused (nothing listens on ${new URL(url).host})`,
    );
    expect(lines.filter((line) => line.startsWith('[skip] '))).toHaveLength(6);
    for (const fancy of ['✓', '✗', '\u001b[']) expect(run.stdout).not.toContain(fancy);
    expect(lines.at(-2)).toMatch(/^\d+ checks? ok, 0 warnings, 1 failure, 6 skipped$/);
  });

  it('rejects bad arguments with the usage and exit code 2', async () => {
    for (const args of [['--timeout', 'soon'], ['--bogus'], ['ftp://x/metrics'], ['a:1', 'b:2']]) {
      const run = await doctor(args, { text: true });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: signalkit doctor');
    }
  });
});
