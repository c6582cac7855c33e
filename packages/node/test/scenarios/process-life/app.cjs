// A small node:http service for the process-life scenarios. With SIGNALKIT_TEST_INIT=1 it calls
// initObservability() itself (INIT_TIMES times, default 1) and serves the handle's health and shutdown.
const http = require('node:http');

const EVENTS = [
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'beforeExit',
  'exit',
  'uncaughtException',
  'unhandledRejection',
];
const listeners = () => Object.fromEntries(EVENTS.map((event) => [event, process.listenerCount(event)]));

let handle;
if (process.env.SIGNALKIT_TEST_INIT === '1') {
  const { initObservability } = require('@signalkit/node');
  const handles = [];
  for (let i = 0; i < Number(process.env.INIT_TIMES ?? 1); i++) handles.push(initObservability());
  handle = handles[0];
  console.log(
    `handles ${JSON.stringify({ count: handles.length, same: handles.every((h) => h === handle) })}`,
  );
}

function json(res, value) {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/listeners') return json(res, listeners());
  if (req.url === '/health') {
    await handle?.ready;
    return json(res, handle === undefined ? null : handle.health());
  }
  if (req.url === '/shutdown') {
    const calls = [handle.shutdown(), handle.shutdown(), handle.shutdown()];
    const samePromise = calls.every((p) => p === calls[0]);
    const settled = await Promise.allSettled(calls);
    return json(res, {
      samePromise,
      settled: settled.map((s) => s.status),
      values: settled.map((s) => s.value ?? null),
      laterCallSame: handle.shutdown() === calls[0],
      health: handle.health(),
    });
  }
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`listeners ${JSON.stringify(listeners())}`);
  console.log(`listening ${server.address().port}`);
});
