import { OTLPMetricExporter as MetricJson } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as MetricProto } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as TraceJson } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as TraceProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { describe, expect, it } from 'vitest';
import {
  type ExportResponse,
  patchRetryingTransport,
  type Transport,
  withSaneRetryAfter,
} from './patchRetryingTransport.js';

function answering(response: ExportResponse): Transport {
  return { send: async () => response, shutdown: () => {} };
}

describe('withSaneRetryAfter', () => {
  it.each([0, -1, Number.NaN])(
    'drops a retry delay of %d ms, so the backoff applies',
    async (retryInMillis) => {
      const transport = withSaneRetryAfter(answering({ status: 'retryable', retryInMillis }));
      expect(await transport.send(new Uint8Array(), 1000)).toEqual({ status: 'retryable' });
    },
  );

  it('keeps a delay in the future, and every other answer as it is', async () => {
    for (const response of [
      { status: 'retryable', retryInMillis: 2000 },
      { status: 'retryable' },
      { status: 'success' },
      { status: 'failure' },
    ] as ExportResponse[])
      expect(await withSaneRetryAfter(answering(response)).send(new Uint8Array(), 1000)).toEqual(response);
  });
});

describe('patchRetryingTransport', () => {
  // Pins the upstream shape: if an upgrade moves these internals, this fails instead of the fix silently going.
  it.each([
    ['traces, protobuf', () => new TraceProto({ url: 'http://127.0.0.1:9/v1/traces' })],
    ['traces, JSON', () => new TraceJson({ url: 'http://127.0.0.1:9/v1/traces' })],
    ['metrics, protobuf', () => new MetricProto({ url: 'http://127.0.0.1:9/v1/metrics' })],
    ['metrics, JSON', () => new MetricJson({ url: 'http://127.0.0.1:9/v1/metrics' })],
  ])('applies to the upstream %s exporter', (_name, create) => {
    expect(patchRetryingTransport(create())).toBe(true);
  });

  it('leaves an exporter of another shape alone', () => {
    expect(patchRetryingTransport({})).toBe(false);
    expect(patchRetryingTransport({ _delegate: { _transport: answering({ status: 'success' }) } })).toBe(
      false,
    );
  });
});
