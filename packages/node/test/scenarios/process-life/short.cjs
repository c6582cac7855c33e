// A short script: some HTTP work (server, fetch, http.get), then nothing left to do. It must end by
// itself, with or without signalkit preloaded. It reports what keeps the loop alive when it drains.
const http = require('node:http');

process.on('beforeExit', () => {
  console.log(`beforeExit ${JSON.stringify(process.getActiveResourcesInfo())}`);
});

const server = http.createServer((_req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  const fetched = await fetch(`${base}/fetch`);
  await fetched.text();
  await new Promise((resolve, reject) => {
    http.get(`${base}/get`, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
  if (process.env.SCRAPE_METRICS === '1') {
    const scraped = await fetch(`http://127.0.0.1:${process.env.OTEL_EXPORTER_PROMETHEUS_PORT}/metrics`);
    const text = await scraped.text();
    // Requests counted, and whether the endpoint is this process's (npm start must not hold it).
    const counted = text
      .split('\n')
      .filter((line) => line.startsWith('http_server_request_duration_seconds_count'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    const ownEndpoint = new RegExp(`process_pid="${process.pid}"`).test(text);
    console.log(`scraped ${JSON.stringify({ status: scraped.status, counted, ownEndpoint })}`);
  }
  server.close();
  server.closeAllConnections();
  console.log('work done');
});
