// Express middleware: one `request` line at info per request, written when its response is finished,
// with the method, the route template (`/orders/:id`, never the raw path; absent when no route matched),
// the status and the duration. Under the signalkit preload with traces on, the line carries the request's
// trace_id and span_id.
import { performance } from 'node:perf_hooks';
import { getRoute } from '@signalkit/node';

/** @param {import('winston').Logger} logger */
export function requestLog(logger) {
  return (req, res, next) => {
    const start = performance.now();
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        // The full template signalkit captured (mount paths of nested routers included), as on the metrics;
        // `req.route.path` would lose the prefixes once the routers have restored `req.baseUrl`.
        route: getRoute(req),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - start) * 10) / 10,
      });
    });
    next();
  };
}
