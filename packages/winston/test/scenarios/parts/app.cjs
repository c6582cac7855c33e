// An app that already has a winston logger and adds signalkit's parts to it: the format, the OTLP
// transport and the log-records counter. Serves /log?level=...; /flush flushes the OTLP transport.
const http = require('node:http');
const winston = require('winston');
const { LogRecordCounter, OtlpLogTransport, signalkitFormat } = require('@signalkit/winston');

const otlp = new OtlpLogTransport({ endpoint: process.env.RECEIVER, serviceName: 'legacy-app' });
const logger = winston.createLogger({
  level: 'info',
  format: signalkitFormat({ serviceName: 'legacy-app' }),
  transports: [new winston.transports.Console(), otlp, new LogRecordCounter()],
});

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/flush') await otlp.forceFlush();
  else logger.log(url.searchParams.get('level') ?? 'info', 'from the app', { apiKey: 'k-123', n: 1 });
  res.end('ok');
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  process.stderr.write(`listening ${server.address().port}\n`);
});
