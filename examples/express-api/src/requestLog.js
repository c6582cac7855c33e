// Express middleware: one `request` line at info per request, written when its response is finished,
// with the method, the route template (`/orders/:id`, never the raw path; absent when no route matched),
// the status and the duration. Under the signalkit preload with traces on, the line carries the request's
// trace_id and span_id.
import { performance } from 'node:perf_hooks';

/** @param {import('winston').Logger} logger */
export function requestLog(logger) {
  return (req, res, next) => {
    const start = performance.now();
    res.on('finish', () => {
      logger.info('request', {
        method: req.method,
        route: req.route?.path,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - start) * 10) / 10,
      });
    });
    next();
  };
}
