import { parseMetricsAuth } from './metricsAuth.js';

/**
 * Environment variables read through a declarative table (name, type, default, description): the typed
 * readers behind @signalkit/node's table (readEnv.ts) and @signalkit/winston's, which takes this module
 * from `@signalkit/node/internal`. Blank counts as unset; an invalid value is reported with what was
 * expected, never thrown. No OpenTelemetry import: reading the environment loads no SDK.
 */

/** The value kinds of the variables of signalkit's packages. */
export type EnvType =
  | { kind: 'boolean' }
  | { kind: 'string' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; values: readonly string[] }
  | { kind: 'keyValueList' }
  | { kind: 'host' }
  | { kind: 'path' }
  | { kind: 'url' }
  | { kind: 'ratio' }
  | { kind: 'names' }
  | { kind: 'credentials' };

/** One row of a table; `Scope` names the part of a package an invalid value turns off or resets. */
export interface EnvVarSpec<Scope extends string = string> {
  readonly name: string;
  readonly type: EnvType;
  /** The default as documented; `undefined` when there is none. */
  readonly default: string | undefined;
  readonly scope: Scope;
  readonly description: string;
  /** Values that may hold credentials: never printed, not even in an error line. */
  readonly sensitive?: boolean;
}

/** A value read from the environment, or why it could not be used. */
export type EnvReading<T> =
  | { readonly status: 'unset' }
  | { readonly status: 'ok'; readonly value: T; readonly raw: string }
  | { readonly status: 'invalid'; readonly raw: string; readonly expected: string };

export type Env = Readonly<Record<string, string | undefined>>;

/** The readers of one table, typed by its variable names. */
export interface EnvReader<Name extends string, Scope extends string> {
  /** The row of a variable. */
  specOf(name: Name): EnvVarSpec<Scope>;
  /** Reads one variable of the table. Blank counts as unset (OpenTelemetry spec). */
  readEnv<T>(env: Env, name: Name): EnvReading<T>;
}

/** The readers of `table`: each variable is parsed by its type. */
export function createEnvReader<Name extends string, Scope extends string>(
  table: readonly (EnvVarSpec<Scope> & { readonly name: Name })[],
): EnvReader<Name, Scope> {
  const specs = new Map<string, EnvVarSpec<Scope>>(table.map((spec) => [spec.name, spec]));
  function specOf(name: Name): EnvVarSpec<Scope> {
    const spec = specs.get(name);
    if (spec === undefined) throw new Error(`unknown variable ${name}`);
    return spec;
  }
  return {
    specOf,
    readEnv<T>(env: Env, name: Name): EnvReading<T> {
      const raw = env[name]?.trim();
      if (raw === undefined || raw === '') return { status: 'unset' };
      const type = specOf(name).type;
      const parsed = parse(type, raw);
      if (!parsed.ok) return { status: 'invalid', raw, expected: describeType(type) };
      return { status: 'ok', value: parsed.value as T, raw };
    },
  };
}

/** What a type expects, in words, for the one-line error. */
export function describeType(type: EnvType): string {
  switch (type.kind) {
    case 'boolean':
      return '"true" or "false"';
    case 'string':
      return 'a non-empty string';
    case 'integer':
      return `an integer from ${type.min} to ${type.max}`;
    case 'enum':
      return `one of ${type.values.join(', ')}`;
    case 'list':
      return `a comma-separated list of ${type.values.join(', ')}`;
    case 'keyValueList':
      return 'key=value pairs separated by commas';
    case 'host':
      return 'a host name or IP address';
    case 'path':
      return 'a URL path starting with "/"';
    case 'url':
      return 'an http:// or https:// URL';
    case 'ratio':
      return 'a number from 0 to 1';
    case 'names':
      return 'a comma-separated list of names';
    case 'credentials':
      return '"bearer:<token>" or "basic:<user>:<password>"';
  }
}

function parse(type: EnvType, raw: string): { ok: true; value: unknown } | { ok: false } {
  switch (type.kind) {
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower === 'true' || lower === '1') return { ok: true, value: true };
      if (lower === 'false' || lower === '0') return { ok: true, value: false };
      return { ok: false };
    }
    case 'string':
      return { ok: true, value: raw };
    case 'integer': {
      if (!/^[+-]?\d+$/.test(raw)) return { ok: false };
      const value = Number(raw);
      return value >= type.min && value <= type.max ? { ok: true, value } : { ok: false };
    }
    case 'enum': {
      const lower = raw.toLowerCase();
      return type.values.includes(lower) ? { ok: true, value: lower } : { ok: false };
    }
    case 'list': {
      const items = raw
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== '');
      if (items.length === 0 || !items.every((item) => type.values.includes(item))) return { ok: false };
      return { ok: true, value: [...new Set(items)] };
    }
    case 'keyValueList':
      return parseKeyValueList(raw);
    case 'host':
      return isHost(raw) ? { ok: true, value: raw } : { ok: false };
    case 'path':
      return isUrlPath(raw) ? { ok: true, value: raw } : { ok: false };
    case 'url':
      return isHttpUrl(raw) ? { ok: true, value: raw } : { ok: false };
    case 'ratio': {
      if (!/^\s*[0-9.eE+-]+\s*$/.test(raw)) return { ok: false };
      const value = Number(raw);
      return Number.isFinite(value) && value >= 0 && value <= 1 ? { ok: true, value } : { ok: false };
    }
    case 'names': {
      const names = raw
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '');
      return names.every((n) => /^[a-z0-9._@/-]+$/i.test(n)) ? { ok: true, value: names } : { ok: false };
    }
    case 'credentials': {
      const value = parseMetricsAuth(raw);
      return value === undefined ? { ok: false } : { ok: true, value };
    }
  }
}

export function isHost(value: string): boolean {
  // Names, IPv4 and IPv6 literals (with or without brackets); nothing that could carry a path or credentials.
  return /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)$/.test(
    value,
  );
}

/** An absolute http(s) URL (credentials in it are allowed but never printed). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function isUrlPath(value: string): boolean {
  return /^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(value);
}

function parseKeyValueList(raw: string): { ok: true; value: Record<string, string> } | { ok: false } {
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false };
    const key = part.slice(0, eq).trim();
    let value: string;
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return { ok: false };
    }
    if (key === '') return { ok: false };
    out[key] = value;
  }
  return { ok: true, value: out };
}
