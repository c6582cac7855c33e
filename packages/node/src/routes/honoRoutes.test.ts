import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { describe, expect, it } from 'vitest';
import { getRoute } from '../http/route.js';
import { honoMatchTemplate, honoRoutes, recordHonoMatch } from './honoRoutes.js';

type Next = () => Promise<void>;
const middleware = async (_c: unknown, next: Next) => {
  await next();
};

/** The template for a request, from the match result of the app's own router. */
function templateFor(app: Hono, method: string, path: string): string | undefined {
  return honoMatchTemplate(app.router.match(method, path));
}

describe('honoMatchTemplate', () => {
  it('names the handler route, never the middleware around it', () => {
    const app = new Hono();
    app.use('*', middleware);
    app.use('/api/*', middleware);
    app.get('/api/items/:id', (c) => c.text('item'));
    app.all('/dav/:resource', (c) => c.text('dav'));
    expect(templateFor(app, 'GET', '/api/items/1')).toBe('/api/items/:id');
    expect(templateFor(app, 'PROPFIND', '/dav/x')).toBe('/dav/:resource');
    // Only middleware matched: a 404.
    expect(templateFor(app, 'GET', '/api/nope')).toBeUndefined();
    expect(templateFor(app, 'POST', '/api/items/1')).toBeUndefined();
  });

  it('includes app.route() mounts, nested, and basePath(), also through sub-apps with their own onError', () => {
    const app = new Hono();
    const api = new Hono();
    api.onError((_err, c) => c.text('api error', 500));
    const users = new Hono();
    users.onError((_err, c) => c.text('users error', 500));
    const posts = new Hono();
    posts.use('*', middleware);
    posts.get('/:postId', (c) => c.text('post'));
    users.route('/:userId/posts', posts);
    api.route('/users', users);
    app.route('/api', api);
    app.basePath('/v1').route('/api', api);
    expect(templateFor(app, 'GET', '/api/users/1/posts/2')).toBe('/api/users/:userId/posts/:postId');
    expect(templateFor(app, 'GET', '/v1/api/users/1/posts/2')).toBe('/v1/api/users/:userId/posts/:postId');
    // The mounted sub-app's middleware, wrapped by Hono for the sub-apps' onError, is still middleware.
    expect(templateFor(app, 'GET', '/api/users/1/posts')).toBeUndefined();
  });

  it('sees through the wrappers of a sub-app with its own onError: which function takes next', () => {
    const app = new Hono();
    const sub = new Hono();
    sub.onError((_err, c) => c.text('sub error', 500));
    sub.get('*', middleware);
    sub.get('/x', (c) => c.text('x'));
    sub.all('/dav/:resource', (c) => c.text('dav'));
    app.route('/sub', sub);
    expect(templateFor(app, 'GET', '/sub/x')).toBe('/sub/x');
    expect(templateFor(app, 'PROPFIND', '/sub/dav/a')).toBe('/sub/dav/:resource');
    // Only a GET middleware matched: its template, the closest thing to a route there is.
    expect(templateFor(app, 'GET', '/sub/other')).toBe('/sub/*');
  });

  it('takes the first handler Hono will run, and a method handler declared with next when there is no other', () => {
    const app = new Hono();
    app.get('/items/:id', (c) => c.text('by id'));
    app.get('/items/new', (c) => c.text('new'));
    app.get('/legacy', async (c, next) => {
      await next();
      return c.text('legacy');
    });
    app.get('/validated/:id', middleware, (c) => c.text('ok'));
    expect(templateFor(app, 'GET', '/items/new')).toBe('/items/:id');
    expect(templateFor(app, 'GET', '/legacy')).toBe('/legacy');
    expect(templateFor(app, 'GET', '/validated/1')).toBe('/validated/:id');
  });

  it('reads the match results of the TrieRouter, routes added after the first match included', () => {
    const app = new Hono({ router: new TrieRouter() });
    app.use('*', middleware);
    app.get('/a/:x', (c) => c.text('a'));
    expect(templateFor(app, 'GET', '/a/1')).toBe('/a/:x');
    app.get('/b/:y', (c) => c.text('b'));
    expect(templateFor(app, 'GET', '/b/1')).toBe('/b/:y');
  });

  it('gives nothing for what is not a match result', () => {
    for (const value of [undefined, null, 1, 'x', {}, [], [null], [[null, [1]]], [[[[() => {}, {}]]]]])
      expect(honoMatchTemplate(value)).toBeUndefined();
  });
});

describe('recordHonoMatch', () => {
  const app = new Hono();
  app.use('*', middleware);
  app.get('/users/:id', (c) => c.text('user'));

  it('leaves the template on the incoming request @hono/node-server passes in env', () => {
    const incoming = {} as IncomingMessage;
    recordHonoMatch(app.router.match('GET', '/users/1'), { incoming, outgoing: {} });
    expect(getRoute(incoming)).toBe('/users/:id');
  });

  it('takes the route away when an inner dispatch of the same request matched no handler', () => {
    const incoming = {} as IncomingMessage;
    recordHonoMatch(app.router.match('GET', '/users/1'), { incoming });
    recordHonoMatch(app.router.match('GET', '/nope'), { incoming });
    expect(getRoute(incoming)).toBeUndefined();
    const untouched = {} as IncomingMessage;
    recordHonoMatch(app.router.match('GET', '/nope'), { incoming: untouched });
    expect(Object.getOwnPropertySymbols(untouched)).toEqual([]);
  });

  it('does nothing without a node request (app.request() in tests, other runtimes)', () => {
    for (const env of [undefined, null, 'env', {}, { incoming: null }, { incoming: 'x' }])
      expect(() => recordHonoMatch(app.router.match('GET', '/users/1'), env)).not.toThrow();
  });
});

describe('honoRoutes.transform', () => {
  const require = Module.createRequire(import.meta.url);
  const cjsDir = dirname(require.resolve('hono'));
  const sources = {
    esm: readFileSync(join(cjsDir, '..', 'hono-base.js'), 'utf8'),
    cjs: readFileSync(join(cjsDir, 'hono-base.js'), 'utf8'),
  };

  it.each(Object.keys(sources) as (keyof typeof sources)[])(
    'hands the match result and env of the dispatch to signalkit (%s build), lines unchanged',
    (build) => {
      const source = sources[build];
      const changed = honoRoutes.transform(source, `file:///x/hono/dist/${build}/hono-base.js`) as string;
      expect(changed.match(/__signalkitHonoMatched\(this\.router\.match\(method, path\), /g)).toHaveLength(1);
      expect(changed.split('\n').slice(0, source.split('\n').length - 1)).toEqual(
        source
          .split('\n')
          .slice(0, -1)
          .map((line) =>
            line.replace(
              'const matchResult = this.router.match(method, path);',
              'const matchResult = __signalkitHonoMatched(this.router.match(method, path), typeof env === "undefined" ? void 0 : env);',
            ),
          ),
      );
      expect(changed.startsWith(source.slice(0, 20))).toBe(true);
    },
  );

  it('leaves a hono-base.js that does not look as expected unchanged', () => {
    const source = sources.esm;
    const statement = 'const matchResult = this.router.match(method, path);';
    expect(
      honoRoutes.transform(source.replace(statement, 'const matchResult = match();'), 'u'),
    ).toBeUndefined();
    expect(
      honoRoutes.transform(source.replace(statement, `${statement}\n${statement}`), 'u'),
    ).toBeUndefined();
    expect(
      honoRoutes.transform(
        source.replace('dispatch(request, executionCtx, env, method) {', 'dispatch(r) {'),
        'u',
      ),
    ).toBeUndefined();
    expect(honoRoutes.transform('', 'u')).toBeUndefined();
  });
});
