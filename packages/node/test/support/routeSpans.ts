import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildApp, startApp } from './childApp.js';
import { send } from './httpLoad.js';
import { OtlpReceiver } from './otlpReceiver.js';

const SERVER = 2;
const ERROR = 2;

export interface RouteSpansScenario {
  /** e.g. `hapi 21`. */
  framework: string;
  /** The scenario folder holding `app.cjs` and `app.mjs` (the apps of the route scenario). */
  dir: string;
  /** The app's templates in the framework's syntax, for `/api/items/42` and `/api/users/u1/posts/p2`. */
  itemRoute: string;
  postRoute: string;
}

/**
 * The server spans of a route scenario's app with traces on, CommonJS (--require) and ESM (--import): each
 * named `METHOD <template>` with `http.route`, a 401 from an auth step keeping its route, a 404 without one, and
 * a thrown error recorded as the span's exception with status ERROR. With tracing on, require-in-the-middle
 * serves repeated requires of a file from its own cache and import-in-the-middle wraps ESM imports, so a
 * framework patch that works with traces off can still miss here.
 */
export function describeRouteSpans({ framework, dir, itemRoute, postRoute }: RouteSpansScenario): void {
  const service = `${framework.split(' ')[0]}-app`;
  describe.each([
    { name: `${framework} with traces on, CommonJS, --require`, file: 'app.cjs', mode: 'require' as const },
    { name: `${framework} with traces on, ESM, --import`, file: 'app.mjs', mode: 'import' as const },
  ])('$name', ({ file, mode }) => {
    const receiver = new OtlpReceiver();
    let app: ChildApp;

    beforeAll(async () => {
      await receiver.listen();
      app = await startApp(resolve(dir, file), {
        mode,
        env: {
          OTEL_SERVICE_NAME: service,
          OTEL_TRACES_EXPORTER: 'otlp',
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_BSP_SCHEDULE_DELAY: '100',
        },
      });
    });

    afterAll(async () => {
      await app?.stop();
      await receiver.close();
    });

    const serverSpans = () => receiver.spans.filter((s) => s.service === service && s.kind === SERVER);

    it(`names server spans after the ${framework} route template, sets http.route, and marks errors`, async () => {
      expect((await send(app.url, 'GET', '/api/items/42')).status).toBe(200);
      expect((await send(app.url, 'GET', '/api/users/u1/posts/p2')).status).toBe(200);
      expect((await send(app.url, 'GET', '/api/admin/stats')).status).toBe(401);
      expect((await send(app.url, 'GET', '/boom')).status).toBe(500);
      expect((await send(app.url, 'GET', '/nope')).status).toBe(404);
      await receiver.waitFor(() => serverSpans().length >= 5, 15_000, `five ${framework} server spans`);

      const spans = serverSpans();
      expect(spans.map((s) => s.name).sort()).toEqual(
        [`GET ${itemRoute}`, `GET ${postRoute}`, 'GET /api/admin/stats', 'GET /boom', 'GET'].sort(),
      );
      const byName = (name: string) => spans.find((s) => s.name === name);
      expect(byName(`GET ${itemRoute}`)?.attributes['http.route']).toBe(itemRoute);
      expect(byName('GET /api/admin/stats')?.attributes['http.route']).toBe('/api/admin/stats');
      expect(byName('GET')?.attributes['http.route']).toBeUndefined();
      const boom = byName('GET /boom');
      expect(boom?.status.code).toBe(ERROR);
      expect(
        boom?.events.filter((e) => e.name === 'exception').map((e) => e.attributes['exception.message']),
      ).toEqual(['boom']);
      expect(byName(`GET ${itemRoute}`)?.status.code).not.toBe(ERROR);
    });
  });
}
