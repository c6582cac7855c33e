import { parseArgs } from 'node:util';
import { TopError } from './TopError.js';

/** What `signalkit top` was asked to do. */
export interface TopOptions {
  /** Prometheus endpoints to read; each may hold one or several services. */
  readonly urls: readonly string[];
  /** Seconds between scrapes. Default 2. */
  readonly intervalSeconds: number;
  /** Two scrapes `intervalSeconds` apart, one snapshot, exit. */
  readonly once: boolean;
  /** One JSON line per snapshot instead of the table. */
  readonly json: boolean;
  /** Seconds a scrape may take. Default 5. */
  readonly timeoutSeconds: number;
  /** The SLO file whose alert thresholds to mark (`--slo`); the SLO defaults when absent. Never looked up. */
  readonly sloPath?: string;
}

export const DEFAULT_URL = 'http://127.0.0.1:9464/metrics';

export const TOP_USAGE = `Usage: signalkit top [options] [url ...]

Live golden signals of services that serve Prometheus metrics (default ${DEFAULT_URL}):
per service and route, request rate, 5xx ratio, share slower than the SLO's latency threshold,
latency p50/p95/p99 (from the histogram buckets between two scrapes) and requests in flight;
event loop utilization and delay, heap used / limit, CPU, log errors per minute when exported.

Marks what the alert rules of \`signalkit generate\` would fire on if the values lasted: with --slo,
each service's thresholds from that file (a service it does not list has no rules and gets no mark);
without, the SLO defaults for every service. The 5xx and slow shares are held against each
burn-rate pair of the budget alerts (each service's levels are shown under it): !! above a page
pair's level (it would page if it lasted that pair's long window), ! above a ticket pair's (the budget
is burning). p99, event loop, heap, CPU and log rates are held against their alert's threshold
(! ticket). No SLO file is read unless given.

A url may omit the scheme (http://) and the path (/metrics): 127.0.0.1:9465 works.

Options:
  -i, --interval <s>   seconds between scrapes (default 2)
      --once           scrape twice, --interval apart, print one snapshot and exit
      --json           print JSON (one line per snapshot) instead of the table
      --timeout <s>    seconds a scrape may take (default 5)
      --slo <file>     thresholds from this SLO file, as \`signalkit generate --slo <file>\` reads it
  -h, --help

Exit codes: 0 ok, 2 usage or invalid SLO file, 3 endpoint unreachable, 4 not Prometheus text,
5 no golden-signal metrics.
Colours are off when stdout is not a terminal or NO_COLOR is set.`;

/** A metrics URL from what the user typed: `http://` added when left out, `/metrics` for an empty path. */
export function normalizeUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TopError('usage', `not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TopError('usage', `not an http(s) URL: ${JSON.stringify(raw)}`);
  if (url.pathname === '/') url.pathname = '/metrics';
  return url.toString();
}

function seconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0.1 || value > 3600)
    throw new TopError('usage', `--${name} ${JSON.stringify(raw)}: expected seconds between 0.1 and 3600`);
  return value;
}

function sloPath(raw: string | undefined): { sloPath?: string } {
  if (raw === undefined) return {};
  if (raw.trim() === '') throw new TopError('usage', '--slo: expected the path of an SLO file');
  return { sloPath: raw };
}

/** Parses the arguments after `top`; `help` when usage was asked for. Throws a usage {@link TopError}. */
export function parseTopArgs(args: readonly string[]): TopOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new TopError('usage', error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  return {
    urls: (positionals.length === 0 ? [DEFAULT_URL] : positionals).map(normalizeUrl),
    intervalSeconds: seconds('interval', values.interval, 2),
    once: values.once === true,
    json: values.json === true,
    timeoutSeconds: seconds('timeout', values.timeout, 5),
    ...sloPath(values.slo),
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      interval: { type: 'string', short: 'i' },
      once: { type: 'boolean' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      slo: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
