// Loads both builds of @signalkit/node in one process, the CommonJS one through require and the ESM one
// through import, and calls initObservability() from each (FIRST says which first).
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cjs = require('@signalkit/node');
const esm = await import('@signalkit/node');
const order = process.env.FIRST === 'cjs' ? [cjs, esm] : [esm, cjs];
const handles = order.map((copy) => copy.initObservability());
console.log(
  `copies ${JSON.stringify({ distinctModules: cjs.initObservability !== esm.initObservability, sameHandle: handles[0] === handles[1] })}`,
);

const server = http.createServer((req, res) => {
  if (req.url.startsWith('/cjs/')) cjs.setRoute(req, '/cjs/:id');
  else if (req.url.startsWith('/esm/')) esm.setRoute(req, '/esm/:id');
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
