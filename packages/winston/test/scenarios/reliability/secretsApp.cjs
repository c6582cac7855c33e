// A service started with the @signalkit/node preload (tracing on) that logs with @signalkit/winston (OTLP on),
// and handles requests carrying credentials everywhere a client or the app can put them:
//   /in        the request's own headers and query (sent by the test), answers with a Set-Cookie;
//              logs a record with password/token/api_key/authorization fields in its metadata
//   /call      makes two client requests to /upstream, with credentials in headers, query and userinfo:
//              one with node:http, one with fetch
//   /upstream  answers with a Set-Cookie
// SECRET is the value used everywhere; the test checks it is seen nowhere outside the process.
const http = require('node:http');
const { createLogger, shutdownLogger } = require('@signalkit/winston');

const SECRET = process.env.SECRET;
const logger = createLogger({ serviceName: 'secrets' });
const SIGNED = [
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'AWSAccessKeyId',
  'Signature',
  'sig',
  'X-Goog-Signature',
]
  .map((name) => `${name}=${SECRET}-${name}`)
  .join('&');
const secretHeaders = {
  authorization: `Bearer ${SECRET}-authorization`,
  cookie: `session=${SECRET}-cookie`,
  'x-api-key': `${SECRET}-x-api-key`,
};

function viaHttp(port) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `http://user:${SECRET}-userinfo@127.0.0.1:${port}/upstream?page=2&${SIGNED}`,
      { headers: secretHeaders },
      (res) => res.resume().on('end', () => resolve(res.statusCode)),
    );
    req.on('error', reject);
  });
}

async function viaFetch(port) {
  const res = await fetch(`http://127.0.0.1:${port}/upstream?page=2&${SIGNED}`, { headers: secretHeaders });
  await res.text();
  return res.status;
}

const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/upstream' || path === '/in') {
    res.setHeader('set-cookie', `session=${SECRET}-set-cookie; HttpOnly`);
    if (path === '/in')
      logger.info('signed in', {
        user: 'ada',
        password: `${SECRET}-password`,
        token: `${SECRET}-token`,
        api_key: `${SECRET}-api-key`,
        nested: { authorization: `Bearer ${SECRET}-nested`, list: [{ apiKey: `${SECRET}-list` }] },
      });
    res.end('ok');
    return;
  }
  if (path === '/call') {
    const port = server.address().port;
    const statuses = [await viaHttp(port), await viaFetch(port)];
    res.end(JSON.stringify(statuses));
    return;
  }
  if (path === '/flush') {
    await shutdownLogger(logger, { timeoutMillis: 5000 });
    res.end('flushed');
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stderr.write(`listening ${server.address().port}\n`);
});
