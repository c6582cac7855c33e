import { Agent, request } from 'node:http';
import { expect } from 'vitest';
import { parsePrometheus, type Sample, select } from '../../../../test/support/prometheusText.js';
import type { ChildApp } from './childApp.js';

export const SERVER_DURATION = 'http_server_request_duration_seconds';
export const SERVER_ACTIVE = 'http_server_active_requests';
export const CLIENT_DURATION = 'http_client_request_duration_seconds';

/** Keep-alive connections, so thousands of requests do not exhaust ephemeral ports. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Sends one request with node:http (any method, `PROPFIND` included) and reads the whole body. */
export function send(
  base: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> =
      body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(body.length) };
    const req = request(`${base}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One kind of request in a scenario's mix, and what the metrics must say about it. */
export interface Case {
  method: string;
  /** Raw paths to send, one request each. */
  paths: string[];
  status: number;
  /** The expected `http_route` label; undefined when the route is unknown (404). */
  route: string | undefined;
  /** The expected `http_request_method` label, when it differs from `method` (`_OTHER`). */
  methodLabel?: string;
  body?: string;
}

function keyOf(method: string, route: string | undefined, status: number): string {
  return `${method} ${route ?? '<none>'} ${status}`;
}

function keyOfSample(sample: Sample): string {
  const { http_request_method: method, http_route: route, http_response_status_code: status } = sample.labels;
  return keyOf(method ?? '<missing>', route, Number(status));
}

/**
 * What a long-running app's `http.server.request.duration` must contain: every request sent through
 * {@link Expectations.drive} is counted under its (method, route, status), and the raw paths sent are
 * remembered so that no label value can be one of them.
 */
export class Expectations {
  readonly counts = new Map<string, number>();
  /** Paths that are not themselves a template: none may appear as a label value. */
  readonly rawPaths = new Set<string>();

  /** Counts the requests of `c` as sent (for requests sent another way than {@link drive}). */
  add(c: Case): void {
    const key = keyOf(c.methodLabel ?? c.method, c.route, c.status);
    this.counts.set(key, (this.counts.get(key) ?? 0) + c.paths.length);
    for (const path of c.paths) if (path !== c.route) this.rawPaths.add(path);
  }

  /** Sends the cases one after the other (a case's requests `concurrency` at a time) and checks each status. */
  async drive(base: string, cases: readonly Case[], concurrency = 8): Promise<void> {
    for (const c of cases) {
      const unexpected: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < c.paths.length) {
          const path = c.paths[next++] as string;
          const { status } = await send(base, c.method, path, c.body);
          if (status !== c.status) unexpected.push(`${c.method} ${path} -> ${status}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, c.paths.length) }, worker));
      expect(unexpected.slice(0, 10), `responses other than ${c.status}`).toEqual([]);
      this.add(c);
    }
  }

  /**
   * The `_count` series of the server histogram are exactly the expected ones (no extra series),
   * with exactly the expected counts, and every bucket/sum/count sample agrees with them.
   */
  check(text: string): Sample[] {
    const samples = parsePrometheus(text);
    const actual = new Map<string, number>();
    for (const s of select(samples, `${SERVER_DURATION}_count`)) {
      const key = keyOfSample(s);
      expect(actual.has(key), `duplicate series ${key}`).toBe(false);
      actual.set(key, s.value);
    }
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...this.counts].sort()));
    // The +Inf bucket equals the count for every series; no series exists only as buckets.
    const inf = select(samples, `${SERVER_DURATION}_bucket`, { le: '+Inf' });
    expect(inf).toHaveLength(actual.size);
    for (const s of inf) expect(s.value, keyOfSample(s)).toBe(actual.get(keyOfSample(s)));
    // error.type is set exactly on 5xx, to the status code.
    for (const s of select(samples, `${SERVER_DURATION}_count`)) {
      const status = Number(s.labels.http_response_status_code);
      expect(s.labels.error_type, keyOfSample(s)).toBe(status >= 500 ? String(status) : undefined);
    }
    this.checkNoRawPaths(samples);
    return samples;
  }

  /** No label value of any sample, of any metric, is a raw path that was sent. */
  checkNoRawPaths(samples: readonly Sample[]): void {
    const leaks: string[] = [];
    for (const s of samples)
      for (const [label, value] of Object.entries(s.labels))
        if (this.rawPaths.has(value) || value.includes(NOT_FOUND_MARKER))
          leaks.push(`${s.name}{${label}="${value}"}`);
    expect(leaks).toEqual([]);
  }
}

/** A token present in every generated 404 path, so a leaked one is found even if mangled. */
export const NOT_FOUND_MARKER = 'zq404';

/** `count` distinct paths that match no route, spread over the given prefixes. */
export function notFoundPaths(count: number, prefixes: readonly string[]): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${prefixes[i % prefixes.length]}/${NOT_FOUND_MARKER}-${i.toString(36)}`,
  );
}

/** Active-request gauge values by method. */
export function activeRequests(samples: readonly Sample[]): Record<string, number> {
  return Object.fromEntries(
    select([...samples], SERVER_ACTIVE).map((s) => [s.labels.http_request_method ?? '?', s.value]),
  );
}

/** Scrapes until `predicate` holds (the app records asynchronously to the client), at most ~10 s. */
export async function scrapeUntil(
  app: ChildApp,
  predicate: (samples: Sample[]) => boolean,
): Promise<Sample[]> {
  let samples: Sample[] = [];
  for (let i = 0; i < 200; i++) {
    samples = parsePrometheus(await app.metrics());
    if (predicate(samples)) return samples;
    await new Promise((r) => setTimeout(r, 50));
  }
  return samples;
}

/**
 * Starts a request to `path` and destroys the connection once the server counts it as in flight:
 * the client goes away before the response.
 */
export async function abortMidRequest(app: ChildApp, path: string): Promise<void> {
  const req = request(`${app.url}${path}`, { agent: false });
  req.on('error', () => {});
  req.end();
  await scrapeUntil(app, (s) => (activeRequests(s).GET ?? 0) >= 1);
  req.destroy();
}

/** Waits until the child app printed `text` on stdout, at most ~10 s. */
export async function stdoutContains(app: ChildApp, text: string): Promise<boolean> {
  for (let i = 0; i < 200 && !app.stdout().includes(text); i++) await new Promise((r) => setTimeout(r, 50));
  return app.stdout().includes(text);
}
