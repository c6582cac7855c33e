import type { ResolvedRecordConfig } from '../config/resolveConfig.js';
import { cleanString } from './cleanString.js';

export const REDACTED = '[REDACTED]';
export const CIRCULAR = '[Circular]';
export const TRUNCATED = '[Truncated]';
const UNREADABLE = '[Unreadable]';
const MAX_KEY_LENGTH = 256;

/** JSON-safe output: what a sanitized value is made of. */
export type Clean = string | number | boolean | null | Clean[] | { [key: string]: Clean };
export type CleanObject = { [key: string]: Clean };

/** `Error` instances, from this realm or another (vm contexts, workers' structured clones). */
export function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** The type of an error: its class name when it has one of its own, else its `name`. */
export function errorType(error: Error): string {
  let ctor: unknown;
  try {
    ctor = (error.constructor as { name?: unknown } | undefined)?.name;
  } catch {
    ctor = undefined;
  }
  if (typeof ctor === 'string' && ctor !== '' && ctor !== 'Error' && ctor !== 'Object') return ctor;
  return typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
}

/**
 * Turns anything a caller logs into a bounded, JSON-safe copy: sensitive keys redacted at any depth (arrays
 * included), strings cleaned of escape sequences and control characters, circular references and getters
 * that throw survived, errors serialized with their cause chain, and depth, width and total size bounded.
 * One instance per record: it carries the record's size budget.
 */
export class Sanitizer {
  private budget: number;
  private readonly ancestors = new Set<object>();

  constructor(private readonly config: ResolvedRecordConfig) {
    this.budget = config.limits.maxTotalLength;
  }

  /** Whether a key names a secret: its lower-case form, without `-` and `_`, contains a redaction needle. */
  isSensitiveKey(key: string): boolean {
    const normalized = key.toLowerCase().replace(/[-_]/g, '');
    for (const needle of this.config.redactKeys) if (normalized.includes(needle)) return true;
    return false;
  }

  string(value: string): string {
    if (this.budget <= 0) return TRUNCATED;
    const out = cleanString(value, Math.min(this.config.limits.maxStringLength, Math.max(this.budget, 16)));
    this.budget -= out.length;
    return out;
  }

  key(key: string): string {
    const out = cleanString(key, MAX_KEY_LENGTH);
    this.budget -= out.length;
    return out;
  }

  /** A sanitized value, or `undefined` for what JSON leaves out (undefined, functions). */
  value(value: unknown, depth: number): Clean | undefined {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'bigint':
        return String(value);
      case 'symbol':
        return this.string(value.toString());
      case 'undefined':
      case 'function':
        return undefined;
    }
    if (value === null) return null;
    return this.object(value as object, depth);
  }

  private object(value: object, depth: number): Clean {
    if (this.ancestors.has(value)) return CIRCULAR;
    if (depth >= this.config.limits.maxDepth || this.budget <= 0) return TRUNCATED;
    this.ancestors.add(value);
    try {
      return this.objectInner(value, depth);
    } catch {
      // A Proxy or a hostile getter: the value is skipped, the record is still written.
      return UNREADABLE;
    } finally {
      this.ancestors.delete(value);
    }
  }

  private objectInner(value: object, depth: number): Clean {
    if (isError(value)) return this.error(value, depth, 0);
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
    if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
    if (Array.isArray(value)) return this.array(value, depth);
    if (value instanceof Set) return this.array([...value], depth);
    if (value instanceof Map) {
      const entries: [string, unknown][] = [];
      for (const [k, v] of value) entries.push([String(k), v]);
      return this.entries(entries, depth);
    }
    if (value instanceof WeakMap || value instanceof WeakSet || value instanceof Promise)
      return `[${value.constructor.name}]`;
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const json: unknown = toJSON.call(value);
      // Same depth: toJSON replaces the value, it does not nest it.
      return json === value ? this.entries(ownEntries(value), depth) : (this.value(json, depth) ?? null);
    }
    return this.entries(ownEntries(value), depth);
  }

  private array(items: readonly unknown[], depth: number): Clean[] {
    const max = this.config.limits.maxArrayLength;
    const out: Clean[] = [];
    const n = Math.min(items.length, max);
    for (let i = 0; i < n; i++) {
      if (this.budget <= 0) {
        out.push(`…[+${items.length - i} items]`);
        return out;
      }
      out.push(this.value(items[i], depth + 1) ?? null);
    }
    if (items.length > max) out.push(`…[+${items.length - max} items]`);
    return out;
  }

  /** Key/value pairs into an object, keys redacted and bounded. */
  entries(entries: Iterable<[string, unknown]>, depth: number): CleanObject {
    const max = this.config.limits.maxObjectKeys;
    const out: CleanObject = {};
    let count = 0;
    let skipped = 0;
    for (const [rawKey, raw] of entries) {
      // Assigning it would set the output's prototype instead of a key: only hostile input carries it.
      if (rawKey === '__proto__') continue;
      if (count >= max || this.budget <= 0) {
        skipped++;
        continue;
      }
      const key = this.key(rawKey);
      if (this.isSensitiveKey(rawKey) || this.isSensitiveKey(key)) {
        out[key] = REDACTED;
        count++;
        continue;
      }
      const clean = this.value(raw, depth + 1);
      if (clean === undefined) continue;
      out[key] = clean;
      count++;
    }
    if (skipped > 0) out['…'] = `[+${skipped} keys]`;
    return out;
  }

  /**
   * An error as `exception.type`, `exception.message`, `exception.stacktrace` (OpenTelemetry semantic
   * conventions), its own enumerable properties (`code`, `statusCode`, ...), `cause` followed up to
   * `maxCauseDepth` levels and, for an AggregateError, its `errors`.
   */
  error(error: Error, depth: number, causeDepth: number): CleanObject {
    const out: CleanObject = {};
    this.ancestors.add(error);
    try {
      out['exception.type'] = this.string(errorType(error));
      out['exception.message'] = this.string(readString(error, 'message'));
      const stack = readString(error, 'stack');
      if (stack !== '') out['exception.stacktrace'] = this.string(stack);
      const own = ownEntries(error).filter(([k]) => !ERROR_OWN_SKIPPED.has(k));
      Object.assign(out, withoutReserved(this.entries(own, depth), out));
      const cause = readProperty(error, 'cause');
      if (cause !== undefined) {
        if (causeDepth >= this.config.limits.maxCauseDepth) out.cause = TRUNCATED;
        else if (this.ancestors.has(cause as object)) out.cause = CIRCULAR;
        else if (isError(cause)) out.cause = this.error(cause, depth + 1, causeDepth + 1);
        else out.cause = this.value(cause, depth + 1) ?? null;
      }
      const errors = readProperty(error, 'errors');
      if (Array.isArray(errors)) out.errors = this.array(errors, depth);
    } finally {
      this.ancestors.delete(error);
    }
    return out;
  }
}

const ERROR_OWN_SKIPPED = new Set(['message', 'stack', 'cause', 'errors', 'name']);

function withoutReserved(entries: CleanObject, reserved: CleanObject): CleanObject {
  for (const key of Object.keys(reserved)) delete entries[key];
  return entries;
}

function readProperty(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function readString(target: object, key: string): string {
  const value = readProperty(target, key);
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  try {
    return String(value);
  } catch {
    return UNREADABLE;
  }
}

/** Own enumerable string-keyed properties; a getter that throws yields a marker instead of throwing. */
export function ownEntries(value: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  let keys: string[];
  try {
    keys = Object.keys(value);
  } catch {
    return out;
  }
  for (const key of keys) {
    let v: unknown;
    try {
      v = (value as Record<string, unknown>)[key];
    } catch {
      v = UNREADABLE;
    }
    out.push([key, v]);
  }
  return out;
}
