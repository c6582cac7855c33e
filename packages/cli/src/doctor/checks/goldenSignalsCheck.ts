import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';

const ID = 'metrics';

/**
 * Are the golden-signal metrics there, under the names signalkit's dashboards and alerts query? Tells
 * the upstream OpenTelemetry exporter's names (no unit suffix) apart from an endpoint with none at all.
 */
export const goldenSignalsCheck: DoctorCheck = {
  id: ID,
  needsScrape: true,
  run({ scrape, names }: DoctorContext): CheckResult {
    const present = new Set(scrape?.metrics.samples.map((sample) => sample.name));
    const duration = `${names.serverDuration}_bucket`;
    const upstreamDuration = `${names.serverDurationWithoutUnit}_bucket`;
    const runtime = [names.eventLoopUtilization, names.eventLoopDelayP99, names.heapUsed, names.heapLimit];
    const http = [duration, names.activeRequests];
    const missingRuntime = runtime.filter((name) => !present.has(name));
    const missingHttp = http.filter((name) => !present.has(name));

    if (!present.has(duration) && present.has(upstreamDuration)) {
      return {
        id: ID,
        status: 'fail',
        summary: `${names.serverDurationWithoutUnit} has no unit suffix: these are the upstream OpenTelemetry Prometheus exporter's names, not signalkit's`,
        detail: [
          `The upstream exporter drops the unit (opentelemetry-js#3466); the OpenTelemetry Collector and signalkit name it ${names.serverDuration}.`,
          'Dashboards, alert rules and signalkit top query that name, so they show nothing for this service.',
        ],
        fix: 'Let signalkit serve the metrics: remove the PrometheusExporter (or the NodeSDK metric reader) and start the service with node --import @signalkit/node/register.',
      };
    }
    if (missingRuntime.length === runtime.length && missingHttp.length === http.length) {
      return {
        id: ID,
        status: 'fail',
        summary: `Prometheus text (${scrape?.metrics.samples.length ?? 0} samples) but no golden-signal metrics (${names.serverDuration}, ${names.eventLoopUtilization}, ${names.heapUsed}, ...)`,
        fix: 'Is this a service started with @signalkit/node? Load it before anything else: node --import @signalkit/node/register app.mjs',
      };
    }
    const detail: string[] = [];
    let status: CheckResult['status'] = 'ok';
    const fixes: string[] = [];
    if (missingHttp.length > 0) {
      status = 'warn';
      detail.push(
        `missing: ${missingHttp.join(', ')} (they appear with the first HTTP request the service answers)`,
      );
      fixes.push(
        'Send the service a request and run doctor again; if they stay missing, its HTTP server is not node:http-based.',
      );
    }
    if (missingRuntime.length > 0) {
      status = 'warn';
      detail.push(`missing saturation metrics: ${missingRuntime.join(', ')}`);
      fixes.push('Runtime metrics are on unless SIGNALKIT_RUNTIME_METRICS=false: remove that setting.');
    }
    if (status === 'ok') {
      return {
        id: ID,
        status,
        summary: `golden signals present: latency, traffic and errors (${names.serverDuration}), in flight (${names.activeRequests}), saturation (event loop, heap)`,
      };
    }
    return {
      id: ID,
      status,
      summary:
        missingHttp.length > 0
          ? 'no HTTP server metrics yet: the service has answered no request since it started'
          : 'some saturation metrics are missing',
      detail,
      fix: fixes.join(' '),
    };
  },
};
