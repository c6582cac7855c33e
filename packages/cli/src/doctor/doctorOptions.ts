import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, EXIT_CODES, messageOf } from '../CliError.js';
import { DEFAULT_METRICS_URL, normalizeMetricsUrl } from '../prometheus/metricsUrl.js';

/** What `signalkit doctor` was asked to check. */
export interface DoctorOptions {
  /** The service's Prometheus endpoint. */
  readonly url: string;
  /** The project folder: its package.json (engines) and node_modules. Default: the current folder. */
  readonly dir: string;
  /** A file of the service's JSON log lines, to check they carry trace ids. */
  readonly logFile: string | undefined;
  readonly json: boolean;
  /** Seconds the scrape and the collector probe may take each. Default 5. */
  readonly timeoutSeconds: number;
}

/** Exit codes of `signalkit doctor`. */
export const DOCTOR_EXIT_CODES = Object.freeze({ ok: 0, failed: 1, usage: EXIT_CODES.usage });

export const DOCTOR_USAGE = `Usage: signalkit doctor [options] [url]

Checks a running service (its Prometheus endpoint, default ${DEFAULT_METRICS_URL}) and the project
around it, and says what is wrong in plain words:
  endpoint          reachable, and answering Prometheus text
  metrics           golden-signal metrics under signalkit's names (not the upstream exporter's)
  route             http_route on the server series (404s aside)
  cardinality       series per metric against the cardinality limit
  traces            when on: the collector reachable from here, spans not failing or dropped
  instrumentations  libraries in node_modules (pg, ioredis, ...) whose instrumentation is not installed
  logs              log records counted by level (@signalkit/winston)
  log-lines         with --log: JSON log lines carry trace_id and span_id
  node              Node.js of the service and of this machine against engines.node and signalkit's minimum
  otel-copies       several versions of @opentelemetry/api, core, resources or sdk-* under node_modules

A url may omit the scheme (http://) and the path (/metrics): 127.0.0.1:9465 works.

Options:
      --dir <folder>   the project (package.json, node_modules); default the current folder
      --log <file>     the service's log output (JSON lines), to check trace correlation
      --json           print the results as JSON
      --timeout <s>    seconds the scrape and the collector probe may take (default 5)
  -h, --help

Exit codes: 0 no check failed (warnings allowed), 1 a check failed, 2 usage.
Markers: ✓ ok, ! warning, ✗ failure, - skipped; [ok] [warn] [FAIL] [skip] when stdout is not a terminal
or NO_COLOR is set.`;

/** Parses the arguments after `doctor`; `help` when usage was asked for. Throws a `usage` {@link CliError}. */
export function parseDoctorArgs(args: readonly string[], cwd: string): DoctorOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliError('usage', messageOf(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (positionals.length > 1)
    throw new CliError(
      'usage',
      `one endpoint at a time, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const url = normalizeMetricsUrl(positionals[0] ?? DEFAULT_METRICS_URL);
  const raw = values.timeout;
  const timeoutSeconds = raw === undefined ? 5 : Number(raw);
  if (
    raw !== undefined &&
    (raw.trim() === '' || !Number.isFinite(timeoutSeconds) || timeoutSeconds < 0.1 || timeoutSeconds > 600)
  )
    throw new CliError('usage', `--timeout ${JSON.stringify(raw)}: expected seconds between 0.1 and 600`);
  return {
    url,
    dir: resolve(cwd, values.dir ?? '.'),
    logFile: values.log === undefined ? undefined : resolve(cwd, values.log),
    json: values.json === true,
    timeoutSeconds,
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      log: { type: 'string' },
      json: { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
