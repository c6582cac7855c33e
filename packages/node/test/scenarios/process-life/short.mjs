// The ESM twin of short.cjs.
import http from 'node:http';

process.on('beforeExit', () => {
  console.log(`beforeExit ${JSON.stringify(process.getActiveResourcesInfo())}`);
});

const server = http.createServer((_req, res) => res.end('ok'));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const fetched = await fetch(`${base}/fetch`);
await fetched.text();
await new Promise((resolve, reject) => {
  http.get(`${base}/get`, (res) => res.resume().on('end', resolve)).on('error', reject);
});
server.close();
server.closeAllConnections();
console.log('work done');
