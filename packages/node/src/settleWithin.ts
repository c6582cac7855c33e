/**
 * Settles when `work` settles or after `timeoutMillis`, whichever comes first, and never rejects: a
 * flush or shutdown must not hold the process or throw into it. The timer is unref'd.
 */
export function settleWithin(
  work: Promise<unknown>,
  timeoutMillis: number,
): Promise<'done' | 'timeout' | 'failed'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMillis);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve('done');
      },
      () => {
        clearTimeout(timer);
        resolve('failed');
      },
    );
  });
}
