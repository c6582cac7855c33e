import { ENV_VARS, type EnvType, type EnvVarName, type EnvVarSpec } from './envTable.js';

/** A value read from the environment, or why it could not be used. */
export type EnvReading<T> =
  | { readonly status: 'unset' }
  | { readonly status: 'ok'; readonly value: T }
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
    case 'names':
      return 'a comma-separated list of names';
    case 'url':
      return 'an absolute http:// or https:// URL';
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
      const items = splitList(raw).map((item) => item.toLowerCase());
      if (items.length === 0 || !items.every((item) => type.values.includes(item))) return { ok: false };
      return { ok: true, value: [...new Set(items)] };
    }
    case 'keyValueList':
      return parseKeyValueList(raw);
    case 'names': {
      const names = splitList(raw);
      return names.length > 0 && names.every((n) => /^[A-Za-z0-9._@/-]+$/.test(n))
        ? { ok: true, value: names }
        : { ok: false };
    }
    case 'url':
      return isHttpUrl(raw) ? { ok: true, value: raw } : { ok: false };
  }
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
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
  return { status: 'ok', value: parsed.value as T };
}
