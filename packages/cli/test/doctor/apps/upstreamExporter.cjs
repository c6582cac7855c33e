// An app instrumented the upstream way: the OpenTelemetry SDK's own PrometheusExporter (taken from the
// workspace: @signalkit/node -> auto-instrumentations-node -> sdk-node -> exporter-prometheus), with the
// semantic-conventions HTTP server histogram, in seconds. The exporter names it without the unit suffix.
const { createRequire } = require('node:module');

const fromNode = createRequire(require.resolve('@signalkit/node/package.json'));
const fromAuto = createRequire(fromNode.resolve('@opentelemetry/auto-instrumentations-node'));
const fromSdkNode = createRequire(fromAuto.resolve('@opentelemetry/sdk-node'));
const { PrometheusExporter } = fromSdkNode('@opentelemetry/exporter-prometheus');
const { MeterProvider } = fromSdkNode('@opentelemetry/sdk-metrics');

const exporter = new PrometheusExporter({ host: '127.0.0.1', port: Number(process.env.METRICS_PORT) }, () =>
  console.log('listening metrics'),
);
const meter = new MeterProvider({ readers: [exporter] }).getMeter('app');
const duration = meter.createHistogram('http.server.request.duration', { unit: 's' });
duration.record(0.012, {
  'http.request.method': 'GET',
  'http.route': '/users/:id',
  'http.response.status_code': 200,
});
// The exporter's server does not hold the process: an app's own server would. Until the test stops it.
setInterval(() => {}, 60_000);
