import { HTTP_DURATION_BUCKETS } from '@signalkit/node';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_RUNBOOK_URL, SLO_DEFAULTS } from './defaults.js';
import { SloError } from './SloError.js';
import type { ServiceSlo, SloFile, SloThresholds } from './types.js';

type Kind = 'objective' | 'ratio' | 'duration' | 'positive';

interface Field {
  /** Key in the resolved thresholds. */
  readonly key: string;
  readonly kind: Kind;
  readonly hint: string;
}

/**
 * The file's keys per section, the resolved key each one sets and how its value reads. One table so that
 * validation, defaults and the messages agree.
 */
const SECTIONS: Record<keyof SloThresholds, Record<string, Field>> = {
  availability: {
    objective: { key: 'objective', kind: 'objective', hint: 'share of requests without a 5xx, e.g. 99.5%' },
  },
  latency: {
    threshold: { key: 'thresholdSeconds', kind: 'duration', hint: 'a bucket bound, e.g. 500ms' },
    objective: {
      key: 'objective',
      kind: 'objective',
      hint: 'share of requests under the threshold, e.g. 99%',
    },
    p99: { key: 'p99Seconds', kind: 'duration', hint: 'p99 alert threshold, e.g. 1s' },
  },
  traffic: {
    dropRatio: { key: 'dropRatio', kind: 'ratio', hint: 'e.g. 50%' },
    minRequestsPerSecond: { key: 'minRequestsPerSecond', kind: 'positive', hint: 'e.g. 0.1' },
  },
  saturation: {
    eventLoopUtilization: { key: 'eventLoopUtilization', kind: 'ratio', hint: 'e.g. 90%' },
    eventLoopDelayP99: { key: 'eventLoopDelayP99Seconds', kind: 'duration', hint: 'e.g. 100ms' },
    heapUsed: { key: 'heapUsedRatio', kind: 'ratio', hint: 'share of the heap limit, e.g. 85%' },
    cpu: { key: 'cpuCores', kind: 'positive', hint: 'CPU cores, e.g. 0.9' },
  },
  logs: {
    errorsPerMinute: { key: 'errorsPerMinute', kind: 'positive', hint: 'records per minute, e.g. 10' },
    warningsPerMinute: { key: 'warningsPerMinute', kind: 'positive', hint: 'records per minute, e.g. 60' },
  },
};

const SERVICE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value of the given kind, or a message saying what was expected. */
function readValue(value: unknown, kind: Kind, hint: string): number | string {
  const expected = `expected ${kindWords(kind)} (${hint})`;
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
    const duration = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/.exec(text);
    if (percent !== null && (kind === 'objective' || kind === 'ratio')) n = Number(percent[1]) / 100;
    else if (duration !== null && kind === 'duration')
      n = Number(duration[1]) * (DURATION_UNITS[duration[2] as string] as number);
    else return `${JSON.stringify(value)}: ${expected}`;
  } else return `${JSON.stringify(value)}: ${expected}`;
  if (!Number.isFinite(n) || n <= 0) return `${n}: ${expected}`;
  if (kind === 'objective' && n >= 1) return `${JSON.stringify(value)}: ${expected}; write 99.5% or 0.995`;
  if (kind === 'ratio' && n > 1) return `${JSON.stringify(value)}: ${expected}; write 90% or 0.9`;
  // Round away float noise from percent and millisecond conversions (99.9% -> 0.999, not 0.9990000000000001).
  return Number(n.toPrecision(12));
}

function kindWords(kind: Kind): string {
  switch (kind) {
    case 'objective':
      return 'a percentage below 100% or a ratio below 1';
    case 'ratio':
      return 'a percentage or a ratio in (0, 1]';
    case 'duration':
      return 'a duration (ms, s, m) or a number of seconds';
    case 'positive':
      return 'a positive number';
  }
}

/** Thresholds from a YAML section (`defaults:` or a service), over `base`; problems are appended. */
function readThresholds(node: unknown, path: string, base: SloThresholds, problems: string[]): SloThresholds {
  if (node === undefined || node === null) return base;
  if (!isRecord(node)) {
    problems.push(`${path}: expected a mapping of ${Object.keys(SECTIONS).join(', ')}`);
    return base;
  }
  const out: Record<string, Record<string, number>> = {};
  for (const section of Object.keys(SECTIONS)) {
    out[section] = { ...(base[section as keyof SloThresholds] as Record<string, number>) };
  }
  for (const [section, value] of Object.entries(node)) {
    const fields = SECTIONS[section as keyof SloThresholds];
    if (fields === undefined) {
      problems.push(`${path}.${section}: unknown section (expected ${Object.keys(SECTIONS).join(', ')})`);
      continue;
    }
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) {
      problems.push(`${path}.${section}: expected a mapping of ${Object.keys(fields).join(', ')}`);
      continue;
    }
    for (const [name, raw] of Object.entries(value)) {
      const field = fields[name];
      if (field === undefined) {
        problems.push(`${path}.${section}.${name}: unknown key (expected ${Object.keys(fields).join(', ')})`);
        continue;
      }
      const read = readValue(raw, field.kind, field.hint);
      if (typeof read === 'string') problems.push(`${path}.${section}.${name}: ${read}`);
      else (out[section] as Record<string, number>)[field.key] = read;
    }
  }
  return out as unknown as SloThresholds;
}

/** Checks that span fields (a threshold must be a bucket bound the histogram has). */
function checkService(service: ServiceSlo, path: string, problems: string[]): void {
  const threshold = service.latency.thresholdSeconds;
  if (!HTTP_DURATION_BUCKETS.includes(threshold)) {
    problems.push(
      `${path}.latency.threshold: ${threshold}s is not a bucket bound of http.server.request.duration ` +
        `(one of ${HTTP_DURATION_BUCKETS.join(', ')} seconds): the share under it could not be counted`,
    );
  }
  const first = HTTP_DURATION_BUCKETS[0] as number;
  const last = HTTP_DURATION_BUCKETS[HTTP_DURATION_BUCKETS.length - 1] as number;
  const p99 = service.latency.p99Seconds;
  if (p99 < first || p99 >= last) {
    problems.push(
      `${path}.latency.p99: ${p99}s is outside the histogram's buckets (${first}s .. ${last}s): ` +
        'the p99 could not be told apart from it',
    );
  }
}

/**
 * Parses and validates an SLO file's text. Every problem is collected and thrown at once as an
 * {@link SloError}; a valid file resolves each service over the file's `defaults:` over {@link SLO_DEFAULTS}.
 */
export function parseSlo(text: string, source = '<string>'): SloFile {
  const problems: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new SloError(source, [`not valid YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (!isRecord(doc)) throw new SloError(source, ['expected a mapping with `services:`']);

  for (const key of Object.keys(doc)) {
    if (!['version', 'runbookUrl', 'defaults', 'services'].includes(key)) {
      problems.push(`${key}: unknown key (expected version, runbookUrl, defaults, services)`);
    }
  }
  if (doc.version !== undefined && doc.version !== 1) {
    problems.push(`version: ${JSON.stringify(doc.version)}: this signalkit reads version 1`);
  }
  let runbookUrl = DEFAULT_RUNBOOK_URL;
  if (doc.runbookUrl !== undefined) {
    if (typeof doc.runbookUrl === 'string' && doc.runbookUrl.trim() !== '' && !doc.runbookUrl.includes('#')) {
      runbookUrl = doc.runbookUrl.trim();
    } else problems.push('runbookUrl: expected a URL or path without a #fragment (the alert adds it)');
  }

  const defaults = readThresholds(doc.defaults, 'defaults', SLO_DEFAULTS, problems);
  const services: ServiceSlo[] = [];
  if (!isRecord(doc.services) || Object.keys(doc.services).length === 0) {
    problems.push('services: expected a mapping from service name (the Prometheus job) to its SLOs');
  } else {
    for (const [name, node] of Object.entries(doc.services)) {
      const path = `services.${name}`;
      if (!SERVICE_NAME.test(name)) {
        problems.push(`${path}: the service name must match ${SERVICE_NAME.source} (it is the job label)`);
        continue;
      }
      const service: ServiceSlo = { name, ...readThresholds(node, path, defaults, problems) };
      checkService(service, path, problems);
      services.push(service);
    }
  }
  if (problems.length > 0) throw new SloError(source, problems);
  return { source, runbookUrl, services };
}
