import { randomInt, seededRandom } from './seededRandom.js';

/** Items the inventory service knows; orders for them succeed. */
const SKUS = ['apple', 'bread', 'cheese', 'dates'];

/**
 * @typedef {object} MixEntry
 * @property {string} name
 * @property {number} weight requests of this kind in every block of {@link BLOCK_SIZE}
 * @property {string} method
 * @property {string | null} route the route template the service reports (`null`: no route matched)
 * @property {number} expectedStatus what the orders service answers when all is well
 * @property {(random: () => number) => string} path
 * @property {((random: () => number) => unknown) | undefined} [body] a JSON body
 */

/**
 * The traffic mix against the orders service, per block of 100 requests. Every block holds exactly
 * these counts, so after N full blocks the expected count of each kind is exact.
 * @type {readonly MixEntry[]}
 */
export const MIX = Object.freeze([
  {
    name: 'get order',
    weight: 60,
    method: 'GET',
    route: '/orders/:id',
    expectedStatus: 200,
    path: (random) => `/orders/${randomInt(random, 1, 5000)}`,
  },
  {
    name: 'place order',
    weight: 15,
    method: 'POST',
    route: '/orders',
    expectedStatus: 201,
    path: () => '/orders',
    body: (random) => ({
      sku: SKUS[randomInt(random, 0, SKUS.length - 1)],
      quantity: randomInt(random, 1, 3),
    }),
  },
  { name: 'slow', weight: 10, method: 'GET', route: '/slow', expectedStatus: 200, path: () => '/slow' },
  { name: 'error', weight: 10, method: 'GET', route: '/error', expectedStatus: 500, path: () => '/error' },
  {
    name: 'unknown path',
    weight: 5,
    method: 'GET',
    route: null,
    expectedStatus: 404,
    path: (random) => `/no-such-page/${randomInt(random, 1, 100)}`,
  },
]);

/** Requests per block: the sum of the weights. */
export const BLOCK_SIZE = MIX.reduce((sum, entry) => sum + entry.weight, 0);

/**
 * @typedef {object} PlannedRequest
 * @property {number} index
 * @property {MixEntry} entry
 * @property {string} path
 * @property {string | undefined} body JSON text
 */

/**
 * The sequence of requests for a seed: each block of {@link BLOCK_SIZE} requests is the mix in a
 * seeded random order (so the kinds interleave), and parameters (ids, items) come from the same seed.
 * Request i is the same on every run with that seed, however fast the target answers.
 * @param {number} seed
 * @param {readonly MixEntry[]} [mix]
 * @returns {() => PlannedRequest} the next request on each call
 */
export function requestPlan(seed, mix = MIX) {
  const random = seededRandom(seed);
  const block = mix.flatMap((entry) => Array.from({ length: entry.weight }, () => entry));
  let order = [];
  let index = 0;
  return () => {
    if (index % block.length === 0) order = shuffle(block, random);
    const entry = order[index % block.length];
    const planned = {
      index,
      entry,
      path: entry.path(random),
      body: entry.body === undefined ? undefined : JSON.stringify(entry.body(random)),
    };
    index++;
    return planned;
  };
}

/** Fisher-Yates on a copy. */
function shuffle(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * How many requests of each kind the first `count` requests of a seed hold.
 * @param {number} count
 * @param {number} seed
 * @param {readonly MixEntry[]} [mix]
 * @returns {Map<MixEntry, number>}
 */
export function expectedCounts(count, seed, mix = MIX) {
  const next = requestPlan(seed, mix);
  const counts = new Map(mix.map((entry) => [entry, 0]));
  for (let i = 0; i < count; i++) {
    const { entry } = next();
    counts.set(entry, (counts.get(entry) ?? 0) + 1);
  }
  return counts;
}
