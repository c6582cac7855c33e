/**
 * A small piece of instrumentation (HTTP server, HTTP client, runtime, a framework's route capture...).
 * `initObservability()` composes them; each guards its own patching and can be stopped.
 */
export interface Integration {
  readonly name: string;
  start(): void;
  stop(): void;
}
