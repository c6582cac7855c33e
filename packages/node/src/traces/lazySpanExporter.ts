import type { SpanExporter } from '@opentelemetry/sdk-trace';
import { core } from '../lazyPackages.js';

/**
 * A span exporter built on its first export instead of at startup: the OTLP exporter package, its
 * transport and its protobuf serializer (about 60 modules) load off the path to the app's first response,
 * when the first batch goes out. If it cannot be built, each export fails with that error (counted as
 * dropped by the batch processor) and nothing throws into the app.
 */
export function lazySpanExporter(create: () => SpanExporter): SpanExporter {
  let real: SpanExporter | undefined;
  let failure: Error | undefined;
  const built = (): SpanExporter | undefined => {
    if (real === undefined && failure === undefined) {
      try {
        real = create();
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      }
    }
    return real;
  };
  return {
    export(spans, resultCallback) {
      const exporter = built();
      if (exporter === undefined) {
        resultCallback({ code: core().ExportResultCode.FAILED, error: failure ?? new Error('no exporter') });
        return;
      }
      exporter.export(spans, resultCallback);
    },
    shutdown: async () => {
      await real?.shutdown();
    },
    forceFlush: async () => {
      await real?.forceFlush?.();
    },
  };
}
