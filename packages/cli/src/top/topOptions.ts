import { parseArgs } from 'node:util';
import { CliError, messageOf } from '../CliError.js';
import { DEFAULT_METRICS_URL, normalizeMetricsUrl } from '../prometheus/metricsUrl.js';

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
  /** Serve the web view on 127.0.0.1 instead of printing (`--web`); absent for the terminal view. */
  readonly web?: { readonly port: number };
}

export const DEFAULT_URL = DEFAULT_METRICS_URL;
/** The web view's port unless `--port` says otherwise. */
export const DEFAULT_WEB_PORT = 9470;

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
      --web            serve a page with charts of the last 10 minutes on 127.0.0.1 instead;
                       prints its URL, runs until Ctrl-C
      --port <n>       the web view's port (default ${DEFAULT_WEB_PORT}; 0: any free port)
  -h, --help

Exit codes: 0 ok, 2 usage or invalid SLO file, 3 endpoint unreachable, 4 not Prometheus text,
5 no golden-signal metrics, 6 the web view's port is in use.
Colours are off when stdout is not a terminal or NO_COLOR is set.`;

function seconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0.1 || value > 3600)
    throw new CliError('usage', `--${name} ${JSON.stringify(raw)}: expected seconds between 0.1 and 3600`);
  return value;
}

function sloPath(raw: string | undefined): { sloPath?: string } {
  if (raw === undefined) return {};
  if (raw.trim() === '') throw new CliError('usage', '--slo: expected the path of an SLO file');
  return { sloPath: raw };
}

/** Parses the arguments after `top`; `help` when usage was asked for. Throws a `usage` {@link CliError}. */
export function parseTopArgs(args: readonly string[]): TopOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliError('usage', messageOf(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  const options = {
    urls: (positionals.length === 0 ? [DEFAULT_URL] : positionals).map(normalizeMetricsUrl),
    intervalSeconds: seconds('interval', values.interval, 2),
    once: values.once === true,
    json: values.json === true,
    timeoutSeconds: seconds('timeout', values.timeout, 5),
    ...sloPath(values.slo),
  };
  const web = webOptions(values.web === true, values.port, options);
  return web === undefined ? options : { ...options, web };
}

function webOptions(
  web: boolean,
  rawPort: string | undefined,
  options: { once: boolean; json: boolean },
): TopOptions['web'] {
  if (!web) {
    if (rawPort !== undefined) throw new CliError('usage', "--port is the web view's: use it with --web");
    return undefined;
  }
  if (options.once || options.json)
    throw new CliError(
      'usage',
      `--web runs until stopped: it does not go with ${options.once ? '--once' : '--json'}`,
    );
  if (rawPort === undefined) return { port: DEFAULT_WEB_PORT };
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535)
    throw new CliError(
      'usage',
      `--port ${JSON.stringify(rawPort)}: expected a port number 0..65535 (0: any free port)`,
    );
  return { port };
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
      web: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
