import { DiagLogLevel, diag, metrics } from '@opentelemetry/api';
import type { DiagnosticsLevel, ObservabilityOptions } from './config/options.js';
import { formatProblem, type ResolvedConfig, resolveConfig } from './config/resolveConfig.js';
import { createDiagnostics, type Diagnostics } from './diagnostics/diagnostics.js';
import type { FlushOptions, ObservabilityHandle } from './handle.js';
import type { Health } from './health.js';
import { type MetricsPipeline, startMetrics } from './metrics/startMetrics.js';
import { isSupportedNode, MIN_NODE_VERSION } from './nodeVersion.js';
import { settleWithin } from './withTimeout.js';

/** One handle per process, shared by every copy of signalkit (CommonJS and ESM builds, preload and code). */
const GLOBAL = Symbol.for('signalkit.node.instance');

interface Instance {
  readonly handle: ObservabilityHandle;
  readonly diagnostics: Diagnostics;
  warnedAgain: boolean;
}

type GlobalWithInstance = typeof globalThis & { [GLOBAL]?: Instance | undefined };

const OTEL_DIAG_LEVEL: Record<DiagnosticsLevel, DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/** Routes the OpenTelemetry SDK's own messages through signalkit's rate-limited diagnostics. */
function routeOtelDiagnostics(diagnostics: Diagnostics, level: DiagnosticsLevel): void {
  const key = (args: unknown[]) => `otel:${String(args[0]).slice(0, 80)}`;
  const line = (args: unknown[]) => args.map(String).join(' ');
  diag.setLogger(
    {
      error: (...args) => diagnostics.error(key(args), line(args)),
      warn: (...args) => diagnostics.warn(key(args), line(args)),
      info: (...args) => diagnostics.info(key(args), line(args)),
      debug: (...args) => diagnostics.debug(key(args), line(args)),
      verbose: (...args) => diagnostics.debug(key(args), line(args)),
    },
    { logLevel: OTEL_DIAG_LEVEL[level], suppressOverrideMessage: true },
  );
}

function createHandle(
  config: ResolvedConfig,
  problems: readonly string[],
  pipeline: MetricsPipeline | undefined,
  inactiveReason: string | undefined,
  onShutdown: () => void,
): ObservabilityHandle {
  let shutdownPromise: Promise<void> | undefined;
  const bound = (options?: FlushOptions) => options?.timeoutMillis ?? config.shutdownTimeoutMillis;
  const handle: ObservabilityHandle = {
    config,
    meterProvider: pipeline?.meterProvider,
    ready: pipeline?.ready ?? Promise.resolve(),
    health(): Health {
      const stopped = shutdownPromise !== undefined;
      return {
        active: pipeline !== undefined && !stopped,
        metrics:
          pipeline === undefined
            ? { state: 'disabled', ...(inactiveReason === undefined ? {} : { reason: inactiveReason }) }
            : { state: stopped ? 'stopped' : 'running' },
        prometheus: pipeline?.endpoint?.status ?? { state: 'disabled' },
        problems,
      };
    },
    async forceFlush(options) {
      if (pipeline === undefined || shutdownPromise !== undefined) return;
      await settleWithin(pipeline.meterProvider.forceFlush(), bound(options));
    },
    shutdown(options) {
      shutdownPromise ??= (async () => {
        onShutdown();
        if (pipeline === undefined) return;
        for (const integration of pipeline.integrations) {
          try {
            integration.stop();
          } catch {
            // Stopping is best effort: a failed unsubscribe must not keep the rest running.
          }
        }
        await settleWithin(pipeline.meterProvider.shutdown(), bound(options));
      })();
      return shutdownPromise;
    },
  };
  return Object.freeze(handle);
}

/**
 * Starts signalkit: golden-signal metrics on a Prometheus endpoint (127.0.0.1:9464/metrics by default),
 * saturation metrics, route templates for known frameworks. Reads the environment once; `options` win
 * over it. Never throws for bad environment values (one diagnostic line each, that signal off); throws
 * a {@link SignalkitError} only for options of the wrong type. A second call returns the same handle.
 */
export function initObservability(options?: ObservabilityOptions): ObservabilityHandle {
  const g = globalThis as GlobalWithInstance;
  const existing = g[GLOBAL];
  if (existing !== undefined) {
    if (!existing.warnedAgain) {
      existing.warnedAgain = true;
      existing.diagnostics.warn(
        'init-again',
        'initObservability() was already called (or the preload ran); returning the existing handle, the new options are ignored',
      );
    }
    return existing.handle;
  }

  const { config, problems } = resolveConfig(options);
  const diagnostics = createDiagnostics(config.logLevel);
  const problemLines = problems.map(formatProblem);
  for (const [i, line] of problemLines.entries()) diagnostics.error(`config:${problems[i]?.variable}`, line);

  let inactiveReason: string | undefined;
  if (!isSupportedNode()) {
    inactiveReason = `Node.js ${process.versions.node} is not supported (needs >= ${MIN_NODE_VERSION})`;
    diagnostics.warn('node-version', `${inactiveReason}; signalkit does nothing`);
  } else if (config.disabled) {
    inactiveReason = 'OTEL_SDK_DISABLED';
  } else if (!config.metrics.enabled) {
    inactiveReason = 'metrics are off';
  }

  let pipeline: MetricsPipeline | undefined;
  if (inactiveReason === undefined) {
    routeOtelDiagnostics(diagnostics, config.logLevel);
    pipeline = startMetrics(config, diagnostics);
  }

  const instance: Instance = {
    diagnostics,
    warnedAgain: false,
    handle: createHandle(config, problemLines, pipeline, inactiveReason, () => {
      if (g[GLOBAL] === instance) g[GLOBAL] = undefined;
      if (pipeline !== undefined) metrics.disable();
    }),
  };
  g[GLOBAL] = instance;
  return instance.handle;
}
