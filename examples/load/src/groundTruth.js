/**
 * @typedef {object} CountRow
 * @property {string} method
 * @property {string | null} route the route template (`null`: no route matched)
 * @property {number} status
 * @property {number} count
 * @property {{ p50: number, p95: number, p99: number }} latencySeconds seen by the client (nearest rank)
 *
 * @typedef {object} FailureRow requests that got no HTTP answer
 * @property {string} method
 * @property {string | null} route
 * @property {string} error e.g. `ECONNREFUSED`, `TimeoutError`
 * @property {number} count
 *
 * @typedef {object} GroundTruthReport
 * @property {string} target
 * @property {number} seed
 * @property {string} startedAt ISO time
 * @property {number} durationSeconds
 * @property {number} total requests sent
 * @property {number} answered requests that got an HTTP answer
 * @property {CountRow[]} counts per (method, route, status), most frequent first
 * @property {FailureRow[]} failures
 */

/** The value at rank ceil(q * n) of sorted values. */
function nearestRank(sorted, q) {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
}

/**
 * What the load generator sent and what came back, counted per (method, route template, status):
 * the ground truth to compare a service's metrics with.
 */
export class GroundTruth {
  /** @param {{ target: string, seed: number }} run */
  constructor({ target, seed }) {
    this.target = target;
    this.seed = seed;
    this.startedAt = new Date();
    /** @type {Map<string, { method: string, route: string | null, status: number, seconds: number[] }>} */
    this.rows = new Map();
    /** @type {Map<string, FailureRow>} */
    this.failed = new Map();
  }

  /**
   * @param {{ method: string, route: string | null }} entry
   * @param {number} status
   * @param {number} seconds
   */
  record(entry, status, seconds) {
    const key = `${entry.method} ${entry.route} ${status}`;
    let row = this.rows.get(key);
    if (row === undefined) {
      row = { method: entry.method, route: entry.route, status, seconds: [] };
      this.rows.set(key, row);
    }
    row.seconds.push(seconds);
  }

  /**
   * @param {{ method: string, route: string | null }} entry
   * @param {string} error
   */
  fail(entry, error) {
    const key = `${entry.method} ${entry.route} ${error}`;
    const row = this.failed.get(key) ?? { method: entry.method, route: entry.route, error, count: 0 };
    row.count++;
    this.failed.set(key, row);
  }

  /**
   * @param {number} durationSeconds
   * @returns {GroundTruthReport}
   */
  report(durationSeconds) {
    const counts = [...this.rows.values()]
      .map(({ method, route, status, seconds }) => {
        const sorted = [...seconds].sort((a, b) => a - b);
        return {
          method,
          route,
          status,
          count: sorted.length,
          latencySeconds: {
            p50: nearestRank(sorted, 0.5),
            p95: nearestRank(sorted, 0.95),
            p99: nearestRank(sorted, 0.99),
          },
        };
      })
      .sort((a, b) => b.count - a.count || String(a.route).localeCompare(String(b.route)));
    const failures = [...this.failed.values()].sort((a, b) => b.count - a.count);
    const answered = counts.reduce((sum, row) => sum + row.count, 0);
    return {
      target: this.target,
      seed: this.seed,
      startedAt: this.startedAt.toISOString(),
      durationSeconds,
      total: answered + failures.reduce((sum, row) => sum + row.count, 0),
      answered,
      counts,
      failures,
    };
  }
}

function millis(seconds) {
  return `${(seconds * 1000).toFixed(1)} ms`;
}

/**
 * The ground truth as a table for people.
 * @param {GroundTruthReport} report
 * @returns {string}
 */
export function formatGroundTruth(report) {
  const rate = report.durationSeconds > 0 ? report.total / report.durationSeconds : 0;
  const header = ['METHOD', 'ROUTE', 'STATUS', 'COUNT', 'P50', 'P95', 'P99'];
  const rows = report.counts.map((row) => [
    row.method,
    row.route ?? '(no route)',
    String(row.status),
    String(row.count),
    millis(row.latencySeconds.p50),
    millis(row.latencySeconds.p95),
    millis(row.latencySeconds.p99),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [
    `ground truth: ${report.total} requests in ${report.durationSeconds.toFixed(1)} s (${rate.toFixed(1)} req/s) to ${report.target}, seed ${report.seed}`,
    line(header),
    ...rows.map(line),
  ];
  for (const failure of report.failures)
    out.push(
      `no answer: ${failure.count} x ${failure.method} ${failure.route ?? '(no route)'} (${failure.error})`,
    );
  return out.join('\n');
}
