// ESM app: /log?level=warn&n=3 writes n records at that level. With LATE_INIT=1 it creates its logger and
// writes records before calling initObservability() (no preload), so the global MeterProvider appears after.
import http from 'node:http';
import { createLogger } from '@signalkit/winston';

const logger = createLogger({ level: 'debug' });

if (process.env.LATE_INIT === '1') {
  logger.error('before init');
  logger.warn('before init');
  logger.info('before init');
  const { initObservability } = await import('@signalkit/node');
  await initObservability().ready;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const level = url.searchParams.get('level') ?? 'info';
  const n = Number(url.searchParams.get('n') ?? 1);
  for (let i = 0; i < n; i++) logger.log(level, `record ${i}`, { route: url.pathname });
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stderr.write(`listening ${server.address().port}\n`);
});
