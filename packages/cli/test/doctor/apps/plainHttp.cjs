// A plain node:http app, run with the signalkit preload. No framework, so signalkit learns no route
// template unless the app sets one: by default it sets none (the route check's case); with
// ROUTE_FROM_PATH=1 it makes the classic mistake of using the raw path as the route (the cardinality case).
const http = require('node:http');
const { setRoute } = require('@signalkit/node');

const server = http.createServer((req, res) => {
  if (process.env.ROUTE_FROM_PATH === '1') setRoute(req, new URL(req.url, 'http://x').pathname);
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
