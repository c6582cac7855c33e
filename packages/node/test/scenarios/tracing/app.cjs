// A traced service that can be asked to shut signalkit down: GET /shutdown answers with how long
// handle.shutdown() took. Started with SIGNALKIT_TEST_INIT=1 (it calls initObservability itself).
const http = require('node:http');
const { initObservability, setRoute } = require('@signalkit/node');

const handle = initObservability();
let unhandled = 0;
process.on('unhandledRejection', () => {
  unhandled++;
});

const server = http.createServer(async (req, res) => {
  if (req.url === '/shutdown') {
    const started = performance.now();
    await handle.shutdown();
    res.end(JSON.stringify({ millis: performance.now() - started, unhandled }));
    return;
  }
  setRoute(req, '/work/:n');
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
