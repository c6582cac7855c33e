/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on every
 * machine and Node version, unlike Math.random, so a run's mix and parameters can be replayed.
 * @param {number} seed
 * @returns {() => number} a function returning numbers in [0, 1)
 */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An integer in [min, max].
 * @param {() => number} random
 * @param {number} min
 * @param {number} max
 */
export function randomInt(random, min, max) {
  return min + Math.floor(random() * (max - min + 1));
}
