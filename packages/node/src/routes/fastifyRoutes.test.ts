import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRoute } from '../http/route.js';
import { fastifyRoutes } from './fastifyRoutes.js';

describe('fastifyRoutes', () => {
  const integration = fastifyRoutes();
  const seen: Array<string | undefined> = [];
  let app: FastifyInstance;

  beforeAll(async () => {
    integration.start();
    app = Fastify();
    // Records what signalkit left on the raw request, as the server integration reads it at 'finish'.
    app.addHook('onResponse', async (request) => {
      seen.push(getRoute(request.raw));
    });
    app.register(
      async (api) => {
        api.addHook('onRequest', async (request, reply) => {
          if (request.headers.authorization === undefined) return reply.code(401).send();
        });
        api.post(
          '/items/:id',
          { schema: { body: { type: 'object', required: ['name'] } } },
          async (_request, reply) => reply.code(201).send(),
        );
      },
      { prefix: '/api' },
    );
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    integration.stop();
  });

  async function routeOf(options: InjectOptions): Promise<[number, string | undefined]> {
    seen.length = 0;
    const res = await app.inject(options);
    return [res.statusCode, seen[0]];
  }

  const authorized = { authorization: 'Bearer x' };

  it('puts the template on the request when the handler runs', async () => {
    expect(
      await routeOf({ method: 'POST', url: '/api/items/7', headers: authorized, payload: { name: 'a' } }),
    ).toEqual([201, '/api/items/:id']);
  });

  it('keeps the template when schema validation answers before the handler', async () => {
    expect(await routeOf({ method: 'POST', url: '/api/items/7', headers: authorized, payload: {} })).toEqual([
      400,
      '/api/items/:id',
    ]);
  });

  it('keeps the template when an onRequest hook answers before the handler', async () => {
    expect(await routeOf({ method: 'POST', url: '/api/items/7', payload: { name: 'a' } })).toEqual([
      401,
      '/api/items/:id',
    ]);
  });

  it('leaves a 404 without a route', async () => {
    expect(await routeOf({ method: 'GET', url: '/api/items/7/zzz' })).toEqual([404, undefined]);
  });
});
