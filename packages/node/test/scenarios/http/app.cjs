// Plain node:http app; routes set through the public setRoute() API.
const http = require('node:http');

if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const { setRoute } = require('@signalkit/node');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const user = /^\/users\/([^/]+)$/.exec(url.pathname);
  if (user) {
    setRoute(req, '/users/:id');
    res.end(`user ${user[1]}`);
  } else if (url.pathname === '/slow') {
    setRoute(req, '/slow');
    setTimeout(() => res.end('slow'), Number(url.searchParams.get('ms') ?? 300));
  } else if (url.pathname === '/fail') {
    setRoute(req, '/fail');
    res.statusCode = 500;
    res.end('fail');
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
