/** The parts of Prometheus's HTTP API the tests read (https://prometheus.io/docs/prometheus/latest/querying/api/). */

export interface Sample {
  readonly metric: Record<string, string>;
  readonly value: readonly [number, string];
}

export interface ActiveAlert {
  readonly labels: Record<string, string>;
  readonly state: 'pending' | 'firing';
  readonly activeAt: string;
}

export interface Rule {
  readonly name: string;
  readonly query: string;
  readonly type: 'recording' | 'alerting';
  readonly health: 'ok' | 'err' | 'unknown';
  readonly lastError?: string;
}

export interface Target {
  readonly labels: Record<string, string>;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastScrape: string;
  readonly lastError: string;
}

interface Envelope<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
  errorType?: string;
}

export class PrometheusApi {
  constructor(readonly base: string) {}

  private async get<T>(path: string, params: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${this.base}${path}?${new URLSearchParams(params)}`);
    const body = (await res.json()) as Envelope<T>;
    if (body.status !== 'success')
      throw new Error(`${path} ${JSON.stringify(params)}: ${body.errorType}: ${body.error}`);
    return body.data;
  }

  /** An instant query; throws with Prometheus's error when the expression fails. */
  async query(expr: string): Promise<Sample[]> {
    const data = await this.get<{ resultType: string; result: Sample[] | [number, string] }>(
      '/api/v1/query',
      {
        query: expr,
      },
    );
    // A scalar (e.g. `vector(0) * 0` is a vector, `1 + 1` a scalar) as one sample without labels.
    return data.resultType === 'scalar'
      ? [{ metric: {}, value: data.result as [number, string] }]
      : (data.result as Sample[]);
  }

  /** The single value of a query that must return exactly one sample. */
  async value(expr: string): Promise<number> {
    const result = await this.query(expr);
    if (result.length !== 1) throw new Error(`${expr}: expected one sample, got ${JSON.stringify(result)}`);
    return Number((result[0] as Sample).value[1]);
  }

  /** Series matching a selector (what Grafana's label_values() variables ask). */
  series(match: string): Promise<Record<string, string>[]> {
    return this.get('/api/v1/series', { 'match[]': match });
  }

  async alerts(): Promise<ActiveAlert[]> {
    return (await this.get<{ alerts: ActiveAlert[] }>('/api/v1/alerts')).alerts;
  }

  async rules(): Promise<Rule[]> {
    const data = await this.get<{ groups: { rules: Rule[] }[] }>('/api/v1/rules');
    return data.groups.flatMap((g) => g.rules);
  }

  async targets(): Promise<Target[]> {
    return (await this.get<{ activeTargets: Target[] }>('/api/v1/targets')).activeTargets;
  }

  /**
   * Waits until every target of `jobs` was scraped after `after` (the scrape started after it, so it
   * saw everything done before), and returns them.
   */
  async scrapedAfter(jobs: readonly string[], after: Date): Promise<Target[] | undefined> {
    const targets = (await this.targets()).filter((t) => jobs.includes(t.labels.job ?? ''));
    const fresh = targets.filter((t) => t.health === 'up' && new Date(t.lastScrape) > after);
    return targets.length === jobs.length && fresh.length === jobs.length ? fresh : undefined;
  }
}
