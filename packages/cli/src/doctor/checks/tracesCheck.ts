import { LABEL, PROM } from '../../model/metricNames.js';
import type { Sample } from '../../prometheus/parsePrometheusText.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { infoLabels } from '../infoLabels.js';
import { probeTcp } from '../probeTcp.js';

const ID = 'traces';

/** Where spans go: from `signalkit_config_info`, else from the exporter's self-metrics once it exported. */
function collectorOrigin(samples: readonly Sample[], info: Readonly<Record<string, string>> | undefined) {
  const exposed = info?.[LABEL.tracesEndpoint];
  if (exposed !== undefined && exposed !== '') return exposed;
  const exporter = samples.find(
    (s) => s.name === PROM.spansExported && s.labels[LABEL.serverAddress] !== undefined,
  );
  if (exporter === undefined) return undefined;
  const address = exporter.labels[LABEL.serverAddress] as string;
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}${exporter.labels[LABEL.serverPort] ? `:${exporter.labels[LABEL.serverPort]}` : ''}`;
}

/** Sums a counter by `error_type` (`''` for the samples without one: the successes). */
function byErrorType(samples: readonly Sample[], name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const sample of samples) {
    if (sample.name !== name) continue;
    const type = sample.labels[LABEL.errorType] ?? '';
    out.set(type, (out.get(type) ?? 0) + sample.value);
  }
  return out;
}

/** The failed part of counts by `error_type`: total and `3 export_failed, 1 timeout`. */
function failures(counts: Map<string, number>): { total: number; text: string } {
  const failed = [...counts].filter(([type, n]) => type !== '' && n > 0);
  return {
    total: failed.reduce((sum, [, n]) => sum + n, 0),
    text: failed.map(([type, n]) => `${n} ${type}`).join(', '),
  };
}

/** The processor's `error_type` for spans dropped before export (its other error types repeat the exporter's). */
const QUEUE_FULL = 'queue_full';

/**
 * When the service traces: can this machine reach the collector it sends spans to, and do its own counters
 * show spans that failed to export or were dropped? Traces off (the default) is not a problem: skipped.
 */
export const tracesCheck: DoctorCheck = {
  id: ID,
  needsScrape: true,
  async run({ scrape, timeoutMillis }: DoctorContext): Promise<CheckResult> {
    const samples = scrape?.metrics.samples ?? [];
    const info = scrape === undefined ? undefined : infoLabels(scrape, PROM.configInfo);
    const on =
      info?.[LABEL.traces] === 'on' ||
      samples.some((s) => s.name === PROM.spanQueueCapacity || s.name === PROM.spansExported);
    if (!on) {
      return {
        id: ID,
        status: 'skip',
        summary:
          info === undefined
            ? 'no sign of tracing on the endpoint (no signalkit_config_info, no span self-metrics)'
            : 'traces are off (the default); OTEL_TRACES_EXPORTER=otlp turns them on',
      };
    }
    const exported = byErrorType(samples, PROM.spansExported);
    const dropped = byErrorType(samples, PROM.spansProcessed).get(QUEUE_FULL) ?? 0;
    const failed = failures(exported);
    const sent = exported.get('') ?? 0;
    const counts = [
      `${sent} spans exported`,
      failed.total > 0 ? `${failed.total} failed (${failed.text})` : 'none failed',
      ...(dropped > 0 ? [`${dropped} dropped because the export queue was full`] : []),
    ].join(', ');

    const origin = collectorOrigin(samples, info);
    if (origin === undefined) {
      return {
        id: ID,
        status: failed.total > 0 ? 'fail' : 'warn',
        summary: `traces are on, but the endpoint does not say where spans go: ${counts}`,
        fix: 'Upgrade @signalkit/node (it exposes the collector address on signalkit_config_info), or check OTEL_EXPORTER_OTLP_ENDPOINT by hand.',
      };
    }
    const url = new URL(origin);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const probe = await probeTcp(host, port, timeoutMillis);
    if (!probe.ok) {
      return {
        id: ID,
        status: 'fail',
        summary: `traces are on, but the collector at ${origin} cannot be reached from here: ${probe.reason}`,
        detail: [counts, 'Until it can, spans wait in a bounded queue and are then dropped (and counted).'],
        fix:
          'Start the collector (docker compose -f docker/compose.yaml up -d otel-collector) or point ' +
          'OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) at it. doctor probes from ' +
          'this machine: from inside a container the address may mean another host.',
      };
    }
    if (failed.total > 0 || dropped > 0) {
      return {
        id: ID,
        status: 'warn',
        summary: `the collector at ${origin} accepts connections, but spans were lost since the service started: ${counts}`,
        detail: ['The counters add up since start: the losses may date from before the collector came up.'],
        fix: 'If the numbers grow between two runs, read the service stderr ("signalkit warn:" lines) and the collector logs (wrong path, auth, payload too large).',
      };
    }
    return {
      id: ID,
      status: 'ok',
      summary: `traces are on; the collector at ${origin} accepts connections; ${counts}`,
    };
  },
};
