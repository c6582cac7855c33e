import type { IncomingMessage } from 'node:http';

/**
 * Where the route template of a request is kept. A registry symbol, so every copy of signalkit
 * (CommonJS and ESM builds) and every framework integration agree.
 */
export const ROUTE = Symbol.for('signalkit.http.route');

type WithRoute = IncomingMessage & { [ROUTE]?: string };

/**
 * Sets the route template of a request, for frameworks signalkit does not know:
 * `setRoute(req, '/users/:id')`. Use the template, never the raw path: it becomes the `http.route`
 * label. The last call before the response finishes wins.
 */
export function setRoute(request: IncomingMessage, template: string): void {
  if (typeof template === 'string' && template !== '') (request as WithRoute)[ROUTE] = template;
}

/** The route template recorded for a request, if any. */
export function getRoute(request: IncomingMessage): string | undefined {
  return (request as WithRoute)[ROUTE];
}

/** Where a framework integration leaves the error a request failed with, for the server span. */
export const REQUEST_ERROR = Symbol.for('signalkit.http.error');

let captureErrors = false;

/**
 * Whether framework integrations should keep request errors (only useful, and only paid for, when
 * tracing is on).
 */
export function setErrorCapture(enabled: boolean): void {
  captureErrors = enabled;
}

export function isErrorCaptureEnabled(): boolean {
  return captureErrors;
}

/** Records the error a request failed with (the first one wins). */
export function setRequestError(request: object, error: unknown): void {
  const r = request as { [REQUEST_ERROR]?: unknown };
  if (r[REQUEST_ERROR] === undefined && error !== undefined && error !== null) r[REQUEST_ERROR] = error;
}

export function getRequestError(request: object): unknown {
  return (request as { [REQUEST_ERROR]?: unknown })[REQUEST_ERROR];
}
