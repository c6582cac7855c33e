import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { findPackageCopies, type PackageCopy } from '../findPackageCopies.js';

const ID = 'otel-copies';
const API = '@opentelemetry/api';

/** The packages whose copies split state: the API (global providers), core, resources and the SDKs. */
export function isWatchedOtelPackage(name: string): boolean {
  return (
    name === API ||
    name === '@opentelemetry/core' ||
    name === '@opentelemetry/resources' ||
    name.startsWith('@opentelemetry/sdk-')
  );
}

/** Versions by package, for the packages installed in more than one version. */
function duplicates(copies: readonly PackageCopy[]): Map<string, Map<string, string[]>> {
  const byName = new Map<string, Map<string, string[]>>();
  for (const copy of copies) {
    const versions = byName.get(copy.name) ?? new Map<string, string[]>();
    byName.set(copy.name, versions);
    versions.set(copy.version, [...(versions.get(copy.version) ?? []), copy.path]);
  }
  for (const [name, versions] of byName) if (versions.size < 2) byName.delete(name);
  return byName;
}

/**
 * Several versions of an OpenTelemetry package in the project's node_modules. Two versions of the API
 * split the global tracer and meter providers (a newer copy will not use one registered by an older one:
 * instruments and spans silently go nowhere); two of core or an SDK load twice and break instanceof checks.
 */
export const otelCopiesCheck: DoctorCheck = {
  id: ID,
  needsScrape: false,
  async run({ dir }: DoctorContext): Promise<CheckResult> {
    if (!existsSync(join(dir, 'node_modules')))
      return { id: ID, status: 'skip', summary: `no node_modules in ${dir} (give the project with --dir)` };
    const { copies, truncated } = await findPackageCopies(dir, isWatchedOtelPackage);
    const partial = truncated
      ? ['The walk stopped at its bound (depth or entries): the list may be incomplete.']
      : [];
    const found = duplicates(copies);
    const where = (paths: string[]) => paths.map((p) => relative(dir, p) || '.').join(', ');
    const lines = [...found].map(
      ([name, versions]) =>
        `${name}: ${[...versions].map(([version, paths]) => `${version} (${where(paths)})`).join('; ')}`,
    );
    if (found.size === 0) {
      const names = new Set(copies.map((copy) => copy.name));
      const api = copies.find((copy) => copy.name === API);
      return {
        id: ID,
        status: 'ok',
        summary:
          names.size === 0
            ? `no OpenTelemetry API or SDK package under ${join(dir, 'node_modules')}`
            : `one version each of ${names.size} OpenTelemetry ${names.size === 1 ? 'package' : 'packages'}${api === undefined ? '' : ` (${API} ${api.version})`}`,
        ...(partial.length > 0 ? { detail: partial } : {}),
      };
    }
    const api = found.get(API);
    return {
      id: ID,
      status: api === undefined ? 'warn' : 'fail',
      summary:
        api === undefined
          ? `${[...found.keys()].join(', ')} installed in several versions`
          : `${API} is installed in ${api.size} versions (${[...api.keys()].join(', ')}): the global tracer and meter providers are split`,
      detail: [...lines, ...partial],
      fix:
        api === undefined
          ? 'Each copy loads on its own (start-up time, instanceof checks fail across copies): align the versions (npm ls / pnpm why <package>; pnpm overrides or npm overrides).'
          : `Make every package use one ${API}: find who brings each copy (npm ls ${API} / pnpm why ${API}), update it, or pin one version with overrides; the API must be a peer dependency of libraries.`,
    };
  },
};
