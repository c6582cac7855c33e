// An app that calls other services: node:http `http.get` and `fetch`. GET /call?via=http|fetch&to=<url>
// makes one call and answers with its outcome (status or error code) as JSON.
const http = require('node:http');

if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();

function viaHttp(url) {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode }));
      })
      .on('error', (err) => resolve({ error: err.code ?? err.name }));
  });
}

async function viaFetch(url) {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return { status: res.status };
  } catch (err) {
    return { error: err.cause?.code ?? err.name };
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const to = url.searchParams.get('to');
  if (url.pathname !== '/call' || to === null) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const outcome = await (url.searchParams.get('via') === 'fetch' ? viaFetch(to) : viaHttp(to));
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(outcome));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
