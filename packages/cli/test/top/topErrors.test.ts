import { afterEach, describe, expect, it } from 'vitest';
import { startChild } from '../../../../test/support/childProcess.js';
import { freePort } from '../../../../test/support/freePort.js';
import { fixedAnswerServer } from '../support/fixedAnswerServer.js';
import { SIGNALKIT_BIN } from './support/examplePaths.js';

const answers = fixedAnswerServer();
afterEach(() => answers.close());
const serve = answers.serve;

async function top(...args: string[]): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = startChild(process.execPath, [SIGNALKIT_BIN, 'top', ...args], { env: { NO_COLOR: '1' } });
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

describe('signalkit top: clear errors', () => {
  it('says the endpoint is down when nothing listens, and exits 3', async () => {
    const url = `http://127.0.0.1:${await freePort()}/metrics`;
    for (const args of [['--once', url], [url]]) {
      const result = await top(...args);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`signalkit top: cannot reach ${url}: connection refused`);
      expect(result.stderr).toContain('OTEL_EXPORTER_PROMETHEUS_PORT');
      expect(result.stdout).toBe('');
    }
  });

  it('says an HTML page is not Prometheus text, and exits 4', async () => {
    const url = await serve(200, 'text/html', '<!DOCTYPE html>\n<html><body>hello</body></html>\n');
    const result = await top('--once', url);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`${url} did not answer Prometheus text (text/html)`);
    expect(result.stderr).toContain('line 1');
  });

  it('says a JSON answer is not Prometheus text, and exits 4', async () => {
    const url = await serve(200, 'application/json', '{"status":"ok"}');
    const result = await top('--json', '--once', url);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('did not answer Prometheus text (application/json)');
    expect(result.stdout).toBe('');
  });

  it('says which status a wrong path answered, and exits 4', async () => {
    const url = await serve(404, 'text/plain', 'not found\n');
    const result = await top('--once', url);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`${url} answered 404 Not Found`);
  });

  it('says Prometheus text without golden-signal metrics has none, and exits 5', async () => {
    const url = await serve(
      200,
      'text/plain; version=0.0.4',
      '# TYPE go_goroutines gauge\ngo_goroutines 12\nprocess_open_fds 9\n',
    );
    const result = await top('--once', url);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`${url} serves Prometheus text (2 samples) but no golden-signal metrics`);
    expect(result.stderr).toContain('http_server_request_duration_seconds');
  });

  it('recognises the upstream exporter names (no unit suffix) and says so', async () => {
    const url = await serve(
      200,
      'text/plain',
      'http_server_request_duration_bucket{le="+Inf"} 3\nhttp_server_request_duration_count 3\n',
    );
    const result = await top('--once', url);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('without the unit suffix');
  });

  it('rejects bad options with the usage, and exits 2', async () => {
    const result = await top('--interval', 'soon');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--interval "soon": expected seconds');
    expect(result.stderr).toContain('Usage: signalkit top');
    expect((await top('--bogus')).code).toBe(2);
    expect((await top('ftp://example.com/metrics')).code).toBe(2);
  });
});
