// The main thread starts two worker threads (which inherit the preload through execArgv or
// NODE_OPTIONS), waits for them, then scrapes its own endpoint.
const { Worker, isMainThread } = require('node:worker_threads');

if (isMainThread) {
  const workers = [new Worker(__filename), new Worker(__filename)];
  let pending = workers.length;
  for (const worker of workers) {
    worker.on('exit', async () => {
      if (--pending > 0) return;
      const scraped = await fetch(`http://127.0.0.1:${process.env.OTEL_EXPORTER_PROMETHEUS_PORT}/metrics`);
      await scraped.text();
      console.log(`workers ${JSON.stringify({ done: workers.length, scrape: scraped.status })}`);
    });
  }
} else {
  // A little work so the worker lives a moment: long enough for a listen attempt to fail.
  setTimeout(() => {}, 50);
}
