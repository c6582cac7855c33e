import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';

const ID = 'route';

/**
 * Do the server latency series carry `http.route` (the template, `/users/:id`)? A 404 has no route by
 * design; any other answer without one is left out of every per-route view, dashboard and alert.
 */
export const routeCheck: DoctorCheck = {
  id: ID,
  needsScrape: true,
  run({ scrape, names }: DoctorContext): CheckResult {
    const { labels } = names;
    const count = `${names.serverDuration}_count`;
    const series = (scrape?.metrics.samples ?? []).filter(
      (sample) =>
        sample.name === count &&
        sample.labels[labels.overflow] !== 'true' &&
        sample.labels[labels.status] !== '404',
    );
    if (series.length === 0) {
      return {
        id: ID,
        status: 'skip',
        summary: `no ${count} series other than 404s yet: nothing to check`,
      };
    }
    const without = series.filter((sample) => (sample.labels[labels.route] ?? '') === '');
    if (without.length === 0) {
      return {
        id: ID,
        status: 'ok',
        summary: `all ${series.length} server series (404s aside) carry ${labels.route}`,
      };
    }
    const requests = without.reduce((sum, sample) => sum + sample.value, 0);
    const examples = without
      .slice(0, 3)
      .map((s) => `${s.labels[labels.method] ?? '?'} ${s.labels[labels.status] ?? '(no status)'}`);
    return {
      id: ID,
      status: 'warn',
      summary: `${without.length} of ${series.length} server series (404s aside) have no ${labels.route}: ${requests} requests counted without a route`,
      detail: [`e.g. ${examples.join(', ')}`],
      fix:
        'signalkit takes the route template from Express, Fastify, Koa (@koa/router), hapi and restify. ' +
        "For plain node:http or another framework, set it per request: setRoute(req, '/users/:id') from " +
        '@signalkit/node. ' +
        'Never put the raw path there: every id would become a series.',
    };
  },
};
