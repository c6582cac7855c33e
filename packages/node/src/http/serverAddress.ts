/** `server.address` and `server.port` of an outgoing request. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

const MAX_CACHED = 1024;
const cache = new Map<string, ServerAddress>();

function defaultPort(protocol: string | undefined): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80;
}

/**
 * Parses `host[:port]` (a Host header) or an origin (`http://host:port`), memoised: the same few
 * upstreams are called over and over. Returns undefined for anything unparsable.
 */
export function parseServerAddress(value: string, protocol?: string): ServerAddress | undefined {
  const key = protocol === undefined ? value : `${protocol}//${value}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let parsed: ServerAddress | undefined;
  try {
    const url = new URL(value.includes('://') ? value : `${protocol ?? 'http:'}//${value}`);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    parsed = Object.freeze({ host, port: url.port === '' ? defaultPort(url.protocol) : Number(url.port) });
  } catch {
    return undefined;
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, parsed);
  return parsed;
}
