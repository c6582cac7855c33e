import { IncomingMessage } from 'node:http';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import { getRequestError, ROUTE } from '../http/route.js';
import { METHOD_NAMES, methodIndex, OTHER_METHOD_INDEX } from '../metrics/httpMethods.js';
import { ATTR } from '../metrics/names.js';

/**
 * Finishes a server span with what signalkit knows and the upstream http instrumentation does not:
 * the route template (so the span is named `METHOD /route/template` with the same `http.route` as the
 * metrics) and the error the framework caught (recorded as an exception, status ERROR).
 */
export function finishServerSpan(span: Span, request: unknown): void {
  if (!(request instanceof IncomingMessage)) return;
  const route = (request as IncomingMessage & { [ROUTE]?: string })[ROUTE];
  if (route !== undefined) {
    const index = methodIndex(request.method);
    // Semantic conventions: an unknown method is named HTTP in the span name.
    const method = index === OTHER_METHOD_INDEX ? 'HTTP' : METHOD_NAMES[index];
    span.setAttribute(ATTR.route, route);
    span.updateName(`${method} ${route}`);
  }
  const error = getRequestError(request);
  if (error !== undefined) {
    if (error instanceof Error) span.recordException(error);
    else span.recordException(String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
