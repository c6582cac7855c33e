// Memory under load with the OTLP endpoint down: the exporter points at a closed local port, wrk runs
// for the whole period, and the server's RSS is sampled every 5 s.

import { freePort, runWrk, sleep, startServer } from './processes.mjs';
import { rssBytes } from './procfs.mjs';
import { APPS } from './variants.mjs';

export const SAMPLE_EVERY_SECONDS = 5;

export async function endpointDownRun(app, variant, { seconds }) {
  // Nothing listens on this port: exports fail with ECONNREFUSED.
  const closedPort = await freePort();
  const server = await startServer(app, variant, { otlpPort: closedPort });
  try {
    const url = `http://127.0.0.1:${server.ports.app}${APPS[app].path}`;
    const started = Date.now();
    const samples = [{ second: 0, rssBytes: rssBytes(server.pid) }];
    const load = runWrk(url, seconds);
    for (let second = SAMPLE_EVERY_SECONDS; second <= seconds; second += SAMPLE_EVERY_SECONDS) {
      await sleep(Math.max(0, started + second * 1000 - Date.now()));
      samples.push({ second, rssBytes: rssBytes(server.pid) });
    }
    const wrk = await load;
    const stderr = server.stderr();
    return {
      app,
      variant,
      seconds,
      samples,
      rps: wrk.requests / (wrk.durationUs / 1e6),
      requests: wrk.requests,
      errors: wrk.errors,
      stderrLines: stderr.split('\n').filter((l) => l.length > 0).length,
      stderr: stderr.slice(0, 2000),
    };
  } finally {
    await server.stop();
  }
}
