import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { hasPackage } from '../hasPackage.js';

const ID = 'route';

/**
 * Frameworks whose route templates signalkit does not capture yet (README, Frameworks), by the package that
 * marks an app built on them. NestJS is not here: its Express and Fastify adapters go through those captures.
 */
const WITHOUT_CAPTURE: readonly (readonly [pkg: string, name: string])[] = [
  ['next', 'Next.js'],
  ['h3', 'h3 (Nitro, Nuxt)'],
  ['polka', 'polka'],
  ['@tinyhttp/app', 'tinyhttp'],
  ['elysia', 'Elysia'],
  ['@adonisjs/core', 'AdonisJS'],
  ['@feathersjs/feathers', 'Feathers'],
  ['micro', 'micro'],
];

/** The frameworks without route capture installed in the project folder (its node_modules). */
function frameworksWithoutCapture(dir: string): string[] {
  return WITHOUT_CAPTURE.filter(([pkg]) => hasPackage(dir, pkg)).map(([pkg, name]) => `${name} (${pkg})`);
}

/**
 * Do the server latency series carry `http.route` (the template, `/users/:id`)? A 404 has no route by
 * design; any other answer without one is left out of every per-route view, dashboard and alert.
 */
export const routeCheck: DoctorCheck = {
  id: ID,
  needsScrape: true,
  run({ scrape, names, dir }: DoctorContext): CheckResult {
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
    const seen = frameworksWithoutCapture(dir);
    return {
      id: ID,
      status: 'warn',
      summary: `${without.length} of ${series.length} server series (404s aside) have no ${labels.route}: ${requests} requests counted without a route`,
      detail: [
        `e.g. ${examples.join(', ')}`,
        ...(seen.length === 0
          ? []
          : [
              `The project has ${seen.join(', ')}: signalkit does not capture ${seen.length === 1 ? 'its' : 'their'} route templates yet.`,
            ]),
      ],
      fix:
        'signalkit takes the route template from Express, Fastify, Koa (@koa/router), hapi, restify and Hono. ' +
        "For plain node:http or another framework, set it per request: setRoute(req, '/users/:id') from " +
        '@signalkit/node. ' +
        'Never put the raw path there: every id would become a series.',
    };
  },
};
