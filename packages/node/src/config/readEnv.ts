import { ENV_VARS, type EnvType, type EnvVarName, type EnvVarSpec } from './envTable.js';
import { parseMetricsAuth } from './metricsAuth.js';

/** A value read from the environment, or why it could not be used. */
export type EnvReading<T> =
  | { readonly status: 'unset' }
  | { readonly status: 'ok'; readonly value: T; readonly raw: string }
  | { readonly status: 'invalid'; readonly raw: string; readonly expected: string };

export type Env = Readonly<Record<string, string | undefined>>;

const SPECS = new Map<string, EnvVarSpec>(ENV_VARS.map((spec) => [spec.name, spec]));

export function specOf(name: EnvVarName): EnvVarSpec {
  const spec = SPECS.get(name);
  if (spec === undefined) throw new Error(`unknown variable ${name}`);
  return spec;
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

/** Reads one variable of the table. Blank counts as unset (OpenTelemetry spec). */
export function readEnv<T>(env: Env, name: EnvVarName): EnvReading<T> {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return { status: 'unset' };
  const type = specOf(name).type;
  const parsed = parse(type, raw);
  if (!parsed.ok) return { status: 'invalid', raw, expected: describeType(type) };
  return { status: 'ok', value: parsed.value as T, raw };
}
