import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNAL_NAMES } from '../../../src/model/metricNames.js';

export interface FakeEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

/** Prometheus text escaping of a label value. */
function labelValue(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/**
 * A metrics endpoint of one service whose route answered 10 more requests (all 5xx when `failing`) at
 * each scrape, all in the first bucket: enough golden signals for `top` without a real service.
 */
export async function fakeEndpoint(service: string, route: string, failing = false): Promise<FakeEndpoint> {
  const d = SIGNAL_NAMES.serverDuration;
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 10;
    const status = failing ? 500 : 200;
    const labels = `http_request_method="GET",http_response_status_code="${status}",http_route="${labelValue(route)}"`;
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
      .end(
        [
          `target_info{service_name="${labelValue(service)}"} 1`,
          `${d}_bucket{${labels},le="0.005"} ${requests}`,
          `${d}_bucket{${labels},le="+Inf"} ${requests}`,
          `${d}_count{${labels}} ${requests}`,
          `${SIGNAL_NAMES.eventLoopUtilization} 0.25`,
          '',
        ].join('\n'),
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
