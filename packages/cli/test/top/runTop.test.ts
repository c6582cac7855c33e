import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNAL_NAMES } from '../../src/model/metricNames.js';
import { runTop } from '../../src/top/runTop.js';
import type { TopOptions } from '../../src/top/topOptions.js';

const D = SIGNAL_NAMES.serverDuration;
/** An SGR (colour, bold) escape sequence. */
const COLOUR = new RegExp(`${'\u001b'}\\[[0-9;]+m`);
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server?.listening ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A metrics endpoint whose request counter grows by 10 on every scrape. */
async function growingEndpoint(): Promise<{ url: string; scrapes: () => number }> {
  let scrapes = 0;
  server = createServer((_req, res) => {
    const n = 10 * scrapes++;
    const labels = 'http_request_method="GET",http_response_status_code="200",http_route="/items/:sku"';
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      .end(
        [
          'target_info{service_name="inventory"} 1',
          `${D}_bucket{${labels},le="0.005"} ${n}`,
          `${D}_bucket{${labels},le="+Inf"} ${n}`,
          `${D}_count{${labels}} ${n}`,
          `${SIGNAL_NAMES.eventLoopUtilization} 0.2`,
          '',
        ].join('\n'),
      );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
    scrapes: () => scrapes,
  };
}

/** Runs the live view until `frames` frames were written, then stops it as Ctrl-C would. */
async function live(
  url: string,
  frames: number,
  stdout: { isTTY?: boolean; columns?: number },
  env: Record<string, string> = {},
  onFrame: (n: number) => void = () => {},
) {
  const stop = new AbortController();
  const written: string[] = [];
  const options: TopOptions = {
    urls: [url],
    intervalSeconds: 0.1,
    once: false,
    json: false,
    timeoutSeconds: 2,
  };
  const code = await runTop(options, {
    stdout: {
      ...stdout,
      write(text: string) {
        written.push(text);
        onFrame(written.length);
        if (written.length >= frames) stop.abort();
      },
    },
    stderr: { write() {} },
    env,
    signal: stop.signal,
  });
  return { code, written };
}

describe('runTop live view', () => {
  it('redraws in place on a terminal: clears once, then homes the cursor each frame', async () => {
    const { url } = await growingEndpoint();
    const { code, written } = await live(url, 3, { isTTY: true, columns: 120 });
    expect(code).toBe(0);
    expect(written[0]?.startsWith('\u001b[2J\u001b[H')).toBe(true);
    expect(written[1]?.startsWith('\u001b[H')).toBe(true);
    expect(written[1]).not.toContain('\u001b[2J');
    expect(written[1]).toContain('\u001b[1m'); // colours on a terminal
    // 10 requests per scrape interval: a rate shows up from the second frame.
    expect(written[0]).toContain('measuring');
    expect(written[2]).toMatch(/\/items\/:sku/);
  });

  it('does not cut lines on a terminal that reports no width', async () => {
    const { url } = await growingEndpoint();
    const { written } = await live(url, 2, { isTTY: true, columns: 0 }, { NO_COLOR: '1' });
    expect(written[1]).toMatch(/inventory +http:\/\/127\.0\.0\.1:\d+\/metrics/);
  });

  it('writes plain frames one after another when stdout is not a terminal', async () => {
    const { url } = await growingEndpoint();
    const { written } = await live(url, 3, { isTTY: false });
    for (const frame of written) expect(frame).not.toContain('\u001b');
    expect(written[1]?.startsWith('\n')).toBe(true);
  });

  it('keeps the cursor control but drops colours with NO_COLOR', async () => {
    const { url } = await growingEndpoint();
    const { written } = await live(url, 2, { isTTY: true, columns: 120 }, { NO_COLOR: '1' });
    expect(written[1]).toContain('\u001b[H');
    expect(written[1]).not.toMatch(COLOUR);
  });

  it('shows a service that stops answering as down and keeps going', async () => {
    const { url } = await growingEndpoint();
    const { written, code } = await live(url, 4, { isTTY: false }, {}, (n) => {
      if (n === 2) {
        server?.closeAllConnections();
        server?.close();
      }
    });
    expect(code).toBe(0);
    expect(written[3]).toMatch(/inventory .*DOWN: cannot reach .*connection refused/);
  });
});
