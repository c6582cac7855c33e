import { clean, satisfies as semverSatisfies, validRange } from 'semver';

/**
 * Whether a Node.js version (`v22.15.0` or `22.15.0`) is in an `engines.node` range, read by npm's own
 * semver; `undefined` when the version or the range cannot be read (said, not guessed).
 */
export function satisfies(version: string, range: string): boolean | undefined {
  const parsed = clean(version);
  if (parsed === null || validRange(range) === null) return undefined;
  return semverSatisfies(parsed, range);
}
