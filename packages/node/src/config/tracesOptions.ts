/** Samplers of the OpenTelemetry spec, as in `OTEL_TRACES_SAMPLER`. */
export type SamplerName =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** Distributed tracing. Off unless `enabled` or `OTEL_TRACES_EXPORTER=otlp`. */
export interface TracesOptions {
  /** Tracing on or off. Default `OTEL_TRACES_EXPORTER=otlp` or off. */
  enabled?: boolean;
  /** Full URL for spans. Default `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  endpoint?: string;
  /** OTLP encoding. Default `http/protobuf`. */
  protocol?: OtlpProtocol;
  /** Headers of every span export (e.g. an auth token); merged over the environment's. Never printed. */
  headers?: Record<string, string>;
  /** Default `OTEL_TRACES_SAMPLER` or `parentbased_always_on`. */
  sampler?: SamplerName;
  /** Ratio (0 to 1) for the `*traceidratio` samplers. Default `OTEL_TRACES_SAMPLER_ARG` or 1. */
  sampleRatio?: number;
  /** Instrumentation names to load instead of the curated default set. */
  enabledInstrumentations?: string[];
  /** Instrumentation names not to load. */
  disabledInstrumentations?: string[];
}
