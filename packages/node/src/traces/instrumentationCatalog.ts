/**
 * The curated instrumentations, from `@opentelemetry/auto-instrumentations-node`'s set. An entry is
 * loaded only when enabled and when one of its target modules is installed in the app, so start-up pays
 * only for what the app uses.
 *
 * Off by default, and why:
 * - framework middleware spans (express, koa, router, connect, restify, hapi, nestjs-core): signalkit
 *   already names each server span `METHOD /route/template` from its own route capture, and these
 *   instrumentations add several spans per request (a third to half of the throughput);
 * - fs, dns, net: one span per syscall-level operation, noise for most services;
 * - winston, pino, bunyan: log correlation is @signalkit/winston's job; two would log twice;
 * - runtime-node, host-metrics: signalkit records runtime saturation itself;
 * - generic-pool, lru-memoizer, aws-lambda, cucumber: niche.
 */
export interface CatalogEntry {
  /** The name used in `OTEL_NODE_ENABLED_INSTRUMENTATIONS` (the package name without its prefix). */
  readonly name: string;
  /** Exported class of `@opentelemetry/instrumentation-<name>`. */
  readonly className: string;
  /** Modules it instruments; empty for Node.js built-ins (always present). */
  readonly targets: readonly string[];
  readonly defaultOn: boolean;
}

function entry(
  name: string,
  className: string,
  targets: readonly string[],
  defaultOn: boolean,
): CatalogEntry {
  return Object.freeze({ name, className, targets, defaultOn });
}

export const INSTRUMENTATION_CATALOG: readonly CatalogEntry[] = Object.freeze([
  entry('http', 'HttpInstrumentation', [], true),
  entry('undici', 'UndiciInstrumentation', [], true),
  entry('pg', 'PgInstrumentation', ['pg'], true),
  entry('mysql', 'MySQLInstrumentation', ['mysql'], true),
  entry('mysql2', 'MySQL2Instrumentation', ['mysql2'], true),
  entry('mongodb', 'MongoDBInstrumentation', ['mongodb'], true),
  entry('mongoose', 'MongooseInstrumentation', ['mongoose'], true),
  entry('ioredis', 'IORedisInstrumentation', ['ioredis'], true),
  entry('redis', 'RedisInstrumentation', ['redis', '@redis/client'], true),
  entry('memcached', 'MemcachedInstrumentation', ['memcached'], true),
  entry('cassandra-driver', 'CassandraDriverInstrumentation', ['cassandra-driver'], true),
  entry('tedious', 'TediousInstrumentation', ['tedious'], true),
  entry('oracledb', 'OracleInstrumentation', ['oracledb'], true),
  entry('knex', 'KnexInstrumentation', ['knex'], true),
  entry('graphql', 'GraphQLInstrumentation', ['graphql'], true),
  entry('dataloader', 'DataloaderInstrumentation', ['dataloader'], true),
  entry('amqplib', 'AmqplibInstrumentation', ['amqplib'], true),
  entry('kafkajs', 'KafkaJsInstrumentation', ['kafkajs'], true),
  entry('socket.io', 'SocketIoInstrumentation', ['socket.io'], true),
  entry('aws-sdk', 'AwsInstrumentation', ['@smithy/smithy-client', 'aws-sdk'], true),
  entry('grpc', 'GrpcInstrumentation', ['@grpc/grpc-js'], true),
  entry('openai', 'OpenAIInstrumentation', ['openai'], true),
  entry('express', 'ExpressInstrumentation', ['express'], false),
  entry('koa', 'KoaInstrumentation', ['koa'], false),
  entry('router', 'RouterInstrumentation', ['router'], false),
  entry('connect', 'ConnectInstrumentation', ['connect'], false),
  entry('restify', 'RestifyInstrumentation', ['restify'], false),
  entry('hapi', 'HapiInstrumentation', ['@hapi/hapi'], false),
  entry('nestjs-core', 'NestInstrumentation', ['@nestjs/core'], false),
  entry('generic-pool', 'GenericPoolInstrumentation', ['generic-pool'], false),
  entry('lru-memoizer', 'LruMemoizerInstrumentation', ['lru-memoizer'], false),
  entry('fs', 'FsInstrumentation', [], false),
  entry('dns', 'DnsInstrumentation', [], false),
  entry('net', 'NetInstrumentation', [], false),
]);

/**
 * The entries to consider: the enabled list when given (else the default-on ones), minus the disabled
 * list. Unknown names are returned separately so they can be reported.
 */
export function selectInstrumentations(
  enabled: readonly string[] | undefined,
  disabled: readonly string[],
): { selected: CatalogEntry[]; unknown: string[] } {
  const byName = new Map(INSTRUMENTATION_CATALOG.map((e) => [e.name, e]));
  const normalise = (n: string) => n.replace(/^@opentelemetry\/instrumentation-/, '');
  const unknown = [...(enabled ?? []), ...disabled].map(normalise).filter((n) => !byName.has(n));
  const off = new Set(disabled.map(normalise));
  const wanted =
    enabled === undefined
      ? INSTRUMENTATION_CATALOG.filter((e) => e.defaultOn)
      : enabled.map(normalise).flatMap((n) => byName.get(n) ?? []);
  return { selected: wanted.filter((e) => !off.has(e.name)), unknown };
}
