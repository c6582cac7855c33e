import type { SignalNames } from '../model/metricNames.js';
import type { Scrape } from '../prometheus/scrapeEndpoint.js';

/** `ok`: nothing wrong; `warn`: works, but something is off; `fail`: broken; `skip`: not checked. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** What one check found, in plain words. */
export interface CheckResult {
  readonly id: string;
  readonly status: CheckStatus;
  /** One line: what was found. */
  readonly summary: string;
  /** Further lines: the figures behind the summary. */
  readonly detail?: readonly string[];
  /** What to do about it (for `warn` and `fail`). */
  readonly fix?: string;
}

/** What the checks look at: the scrape of the endpoint (when it answered) and the project folder. */
export interface DoctorContext {
  readonly url: string;
  /** Undefined when the endpoint did not answer Prometheus text. */
  readonly scrape: Scrape | undefined;
  /** The project folder (its package.json and node_modules). */
  readonly dir: string;
  /** A file of the service's JSON log lines, when given. */
  readonly logFile: string | undefined;
  readonly timeoutMillis: number;
  /** The Node.js running doctor (`process.versions.node`). */
  readonly localNodeVersion: string;
  readonly names: SignalNames;
}

/** One check of `signalkit doctor`. */
export interface DoctorCheck {
  readonly id: string;
  /** True when the check reads the scrape: it is skipped when the endpoint did not answer. */
  readonly needsScrape: boolean;
  run(context: DoctorContext): Promise<CheckResult> | CheckResult;
}
