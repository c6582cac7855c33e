import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { GroundTruth } from './groundTruth.js';
import { MIX, requestPlan } from './mix.js';

/**
 * @typedef {object} LoadOptions
 * @property {string} [target] base URL of the orders service (default `http://127.0.0.1:3000`)
 * @property {number} [rate] requests per second (default 20); `0` sends as fast as `concurrency` allows
 * @property {number} [durationSeconds] stop starting requests after this long (wall time)
 * @property {number} [count] send exactly this many requests
 * @property {number} [concurrency] requests in flight at most (default 4)
 * @property {number} [seed] seed of the mix order and parameters (default 1)
 * @property {number} [timeoutMillis] per request (default 10000)
 * @property {AbortSignal} [signal] stop starting requests; those in flight finish and are counted
 * @property {readonly import('./mix.js').MixEntry[]} [mix]
 */

/** Why a request got no answer: the system error code when there is one (fetch wraps it in `cause`). */
function errorName(error) {
  return error?.cause?.code ?? error?.code ?? error?.cause?.message ?? error?.name ?? 'Error';
}

/**
 * Sends the mix to `target` at a steady rate until `count` requests were sent, `durationSeconds`
 * passed or `signal` aborted (with none of them, until aborted), waits for the requests in flight, and
 * returns the ground truth: what was sent and what came back, per (method, route template, status).
 * @param {LoadOptions} [options]
 * @returns {Promise<import('./groundTruth.js').GroundTruthReport>}
 */
export async function runLoad(options = {}) {
  const target = (options.target ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const rate = options.rate ?? 20;
  const concurrency = options.concurrency ?? 4;
  const seed = options.seed ?? 1;
  const timeoutMillis = options.timeoutMillis ?? 10_000;
  const { count, durationSeconds, signal } = options;
  if (!(rate >= 0)) throw new RangeError(`rate must be >= 0 requests per second, got ${rate}`);
  if (!(Number.isInteger(concurrency) && concurrency >= 1))
    throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  if (count !== undefined && !(Number.isInteger(count) && count >= 0))
    throw new RangeError(`count must be an integer >= 0, got ${count}`);
  if (durationSeconds !== undefined && !(durationSeconds >= 0))
    throw new RangeError(`durationSeconds must be >= 0, got ${durationSeconds}`);

  // fetch's implementation loads on first use (tens of ms): do it before the clock starts, without a
  // request to the target, so the first requests' timings do not include it.
  await fetch('data:,').then((response) => response.arrayBuffer());
  const truth = new GroundTruth({ target, seed });
  const next = requestPlan(seed, options.mix ?? MIX);
  const start = performance.now();
  const deadline = durationSeconds === undefined ? Number.POSITIVE_INFINITY : start + durationSeconds * 1000;
  let issued = 0;

  const done = () =>
    signal?.aborted === true || (count !== undefined && issued >= count) || performance.now() >= deadline;

  async function send(planned) {
    const { entry } = planned;
    const began = performance.now();
    try {
      const response = await fetch(`${target}${planned.path}`, {
        method: entry.method,
        ...(planned.body === undefined
          ? {}
          : { body: planned.body, headers: { 'content-type': 'application/json' } }),
        signal: AbortSignal.timeout(timeoutMillis),
      });
      await response.arrayBuffer();
      truth.record(entry, response.status, (performance.now() - began) / 1000);
    } catch (error) {
      truth.fail(entry, errorName(error));
    }
  }

  async function worker() {
    while (!done()) {
      // Take the slot and the planned request synchronously, so request i is the same on every run.
      const slot = issued++;
      const planned = next();
      if (rate > 0) {
        const due = start + (slot / rate) * 1000;
        if (due >= deadline) return; // at a steady rate, a duration is exactly rate x duration requests
        const wait = due - performance.now();
        if (wait > 0) {
          try {
            await sleep(wait, undefined, signal === undefined ? undefined : { signal });
          } catch {
            return; // aborted while waiting: this request is not sent
          }
        }
        if (performance.now() >= deadline) return;
      }
      await send(planned);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  return truth.report((performance.now() - start) / 1000);
}
