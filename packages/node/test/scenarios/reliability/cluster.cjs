// A node:cluster service: the primary forks WORKERS workers (2 by default), which share the app's port as
// cluster workers do. Started with the preload, which the workers inherit. The primary prints
// `listening <port>` once every worker serves.
const cluster = require('node:cluster');
const http = require('node:http');

const WORKERS = Number(process.env.WORKERS ?? 2);

if (cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < WORKERS; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++ready === WORKERS) console.log(`listening ${process.env.PORT}`);
  });
  cluster.on('exit', (worker, code, signal) => {
    console.log(`worker-exit ${JSON.stringify({ id: worker.id, code, signal })}`);
  });
  const stop = () => {
    for (const worker of Object.values(cluster.workers)) worker.kill();
    process.exitCode = 0;
  };
  process.on('SIGTERM', stop);
} else {
  const server = http.createServer((_req, res) => {
    res.setHeader('x-worker-pid', String(process.pid));
    res.end('ok');
  });
  server.listen(Number(process.env.PORT), '127.0.0.1');
}
