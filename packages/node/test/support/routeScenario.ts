import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleValue } from '../../../../test/support/prometheusText.js';
import { type ChildApp, type StartMode, startApp } from './childApp.js';
import {
  abortMidRequest,
  activeRequests,
  type Case,
  Expectations,
  notFoundPaths,
  SERVER_DURATION,
  scrapeUntil,
  stdoutContains,
} from './httpLoad.js';

export interface Variant {
  name: string;
  /** The app file, relative to `dir`. */
  file: string;
  mode: StartMode;
  /** Extra node flags (e.g. `--import` of the app's own file that calls initObservability()). */
  nodeArgs?: readonly string[];
  /** Distinct 404 paths to send; 10,000 unless set (fewer in extra variants, to keep the suite fast). */
  notFound?: number;
}

export interface RouteScenario {
  /** The scenario folder holding the app files. */
  dir: string;
  variants: readonly Variant[];
  /** The request mix: it must contain exactly one request to `/slow?ms=300`, route `/slow`. */
  mix: readonly Case[];
  /** Prefixes for the generated 404 paths (under mounted routers, plugins, ...). */
  notFoundPrefixes: readonly string[];
  /** Template of the any-method route, in the framework's syntax; `/dav/:resource` unless set. */
  davRoute?: string;
  /** Status of `PROPFIND /nowhere`: 404, or 501 where the router rejects methods it does not know. */
  unknownMethodStatus?: number;
  /** Methods the active-requests gauge has seen after the whole scenario. */
  activeMethods: readonly string[];
}

/**
 * The route-template scenario for one framework, one describe block (one app process) per variant:
 * exact counts per (method, route, status) and no extra series; 10,000 distinct 404s add no series and
 * no raw path becomes a label value; unknown methods are `_OTHER`; the active-requests gauge returns to
 * 0, aborted clients included. The app serves `/dav/:resource` (or `davRoute`) for any method, `/slow?ms=`
 * and `/hang` (answers after 300 ms and prints `hang answered`).
 */
export function describeRouteScenario(scenario: RouteScenario): void {
  describe.each(scenario.variants)('$name', ({ file, mode, nodeArgs = [], notFound = 10_000 }) => {
    let app: ChildApp;
    const expected = new Expectations();

    beforeAll(async () => {
      app = await startApp(resolve(scenario.dir, file), { mode, nodeArgs: [...nodeArgs] });
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('counts each request under its full route template, exactly, with no other series', async () => {
      await expected.drive(app.url, scenario.mix);
      const samples = expected.check(await app.metrics());
      const bucket = (le: string) =>
        sampleValue(samples, `${SERVER_DURATION}_bucket`, { http_route: '/slow', le });
      expect(bucket('0.25')).toBe(0);
      expect(bucket('0.5')).toBe(1);
    });

    it(`adds no series for ${notFound} distinct 404 paths and never uses a raw path as a label`, async () => {
      const paths = notFoundPaths(notFound, scenario.notFoundPrefixes);
      await expected.drive(app.url, [{ method: 'GET', paths, status: 404, route: undefined }], 16);
      expected.check(await app.metrics());
    });

    it('records an unknown method as _OTHER', async () => {
      await expected.drive(app.url, [
        {
          method: 'PROPFIND',
          methodLabel: '_OTHER',
          paths: ['/dav/a', '/dav/b'],
          status: 200,
          route: scenario.davRoute ?? '/dav/:resource',
        },
        {
          method: 'PROPFIND',
          methodLabel: '_OTHER',
          paths: ['/nowhere'],
          status: scenario.unknownMethodStatus ?? 404,
          route: undefined,
        },
      ]);
      expected.check(await app.metrics());
    });

    it('brings the active-requests gauge back to 0, also after a client that aborts mid-request', async () => {
      await abortMidRequest(app, '/hang');
      expect(await stdoutContains(app, 'hang answered')).toBe(true);
      const samples = await scrapeUntil(app, (s) => Object.values(activeRequests(s)).every((v) => v === 0));
      const active = activeRequests(samples);
      expect(Object.keys(active).sort()).toEqual([...scenario.activeMethods].sort());
      expect(Object.values(active)).toEqual(Object.keys(active).map(() => 0));
      // The aborted request has no duration: no series for /hang.
      expected.check(await app.metrics());
    });
  });
}
