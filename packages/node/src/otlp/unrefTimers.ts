/**
 * For upstream code that arms a ref'd timer signalkit cannot reach (the batch span processor's export
 * timeout, the metric reader's push timeout): while such a timer runs, a hung export keeps a process that
 * has finished its work alive until it fires. These helpers make exactly that timer unref'd, by swapping
 * `setTimeout` for the shortest possible synchronous span, and restoring it before any other code runs.
 */

type SetTimeout = typeof globalThis.setTimeout;

function unrefing(original: SetTimeout, after?: () => void): SetTimeout {
  const wrapped = (...args: Parameters<SetTimeout>) => {
    after?.();
    const timer = original(...args);
    timer.unref();
    return timer;
  };
  return Object.assign(wrapped, original) as SetTimeout;
}

/** Runs `fn`: every timer it arms synchronously is unref'd. `setTimeout` is restored before this returns. */
export function withUnrefTimers<T>(fn: () => T): T {
  const original = globalThis.setTimeout;
  globalThis.setTimeout = unrefing(original);
  try {
    return fn();
  } finally {
    globalThis.setTimeout = original;
  }
}

/**
 * Unrefs the next timer armed synchronously after this call (by the caller's caller, before control goes
 * back to the event loop or to a microtask), then restores `setTimeout` at once. If no timer is armed
 * before the current synchronous run ends, `setTimeout` is restored at the first microtask.
 */
export function unrefNextTimer(): void {
  const original = globalThis.setTimeout;
  let armed = true;
  const restore = () => {
    if (!armed) return;
    armed = false;
    if (globalThis.setTimeout === patched) globalThis.setTimeout = original;
  };
  const patched = unrefing(original, restore);
  globalThis.setTimeout = patched;
  queueMicrotask(restore);
}
