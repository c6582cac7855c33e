/**
 * Test copies of the bundled configs: each changes only what a test on one machine must change
 * (addresses, and the timers named below), by exact text replacement that fails when the bundled
 * file no longer has what it replaces.
 */

/** `text` with every `from` replaced by `to`; throws unless `from` occurs exactly `times` times. */
export function replaceExactly(text: string, from: string, to: string, times = 1): string {
  const found = text.split(from).length - 1;
  if (found !== times)
    throw new Error(`expected ${times} × ${JSON.stringify(from)} in the config, found ${found}`);
  return text.replaceAll(from, to);
}

export interface PrometheusAddresses {
  readonly orders: string;
  readonly inventory: string;
  readonly otelCollector: string;
  readonly alertmanager: string;
  readonly prometheus: string;
}

/**
 * docker/prometheus/prometheus.yml with its targets and Alertmanager on 127.0.0.1, the rule files by
 * absolute path, and a 1 s evaluation interval (15 s in the bundled file) so alerts change state within
 * a second of a scrape. Scrape interval, jobs and everything else as bundled.
 */
export function prometheusConfig(
  bundled: string,
  to: PrometheusAddresses,
  ruleFiles: readonly string[],
): string {
  let text = bundled;
  text = replaceExactly(text, 'evaluation_interval: 15s', 'evaluation_interval: 1s');
  text = replaceExactly(
    text,
    '  - rules/*.yml\n',
    ruleFiles.map((f) => `  - ${JSON.stringify(f)}\n`).join(''),
  );
  text = replaceExactly(text, "'alertmanager:9093'", `'${to.alertmanager}'`, 2);
  text = replaceExactly(text, "'orders:9464'", `'${to.orders}'`);
  text = replaceExactly(text, "'inventory:9464'", `'${to.inventory}'`);
  text = replaceExactly(text, "'otel-collector:8888'", `'${to.otelCollector}'`);
  text = replaceExactly(text, "'localhost:9090'", `'${to.prometheus}'`);
  return text;
}

/**
 * docker/prometheus/rules/signalkit-alerts.yml with the `for:` of the ErrorBudgetBurn page rules (one per
 * service) set to `forDuration`, so the test waits seconds instead of minutes for it to fire. Every other
 * line is as bundled; promtool's unit tests check the bundled durations.
 */
export function alertRulesWithShortFor(
  bundled: string,
  forDuration: string,
): { text: string; changed: number } {
  const lines = bundled.split('\n');
  let alert = '';
  let page = false;
  let forLine = -1;
  let changed = 0;
  const flush = () => {
    if (alert === 'ErrorBudgetBurn' && page && forLine >= 0) {
      lines[forLine] = (lines[forLine] as string).replace(/for: \S+/, `for: ${forDuration}`);
      changed++;
    }
  };
  lines.forEach((line, i) => {
    const start = /^\s+- alert: (\S+)/.exec(line);
    if (start !== null || /^\s+- name: /.test(line)) {
      flush();
      alert = start?.[1] ?? '';
      page = false;
      forLine = -1;
    } else if (/^\s+for: /.test(line)) forLine = i;
    else if (/^\s+severity: page\s*$/.test(line)) page = true;
  });
  flush();
  return { text: lines.join('\n'), changed };
}

/** docker/alertmanager/alertmanager.yml with its receivers' webhook URL on `receiverUrl`; routes and timers as bundled. */
export function alertmanagerConfig(bundled: string, receiverUrl: string): string {
  return replaceExactly(bundled, 'url: http://webhook-receiver:8080/', `url: ${receiverUrl}/`, 3);
}

export interface JaegerPorts {
  readonly otlpGrpc: number;
  readonly queryHttp: number;
  readonly queryGrpc: number;
  readonly health: number;
}

/**
 * A Jaeger v2 config like its embedded all-in-one (memory storage, OTLP in, the query API), but every
 * listener on 127.0.0.1 and a free port: the all-in-one's are fixed (4317, 16686, 8888, ...).
 */
export function jaegerConfig(ports: JaegerPorts): string {
  return `service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 127.0.0.1:${ports.health}
  jaeger_query:
    # Else Jaeger traces its own queries and sends them to the OTLP default, 127.0.0.1:4317.
    enable_tracing: false
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.queryHttp}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpc}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:${ports.otlpGrpc}
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}
