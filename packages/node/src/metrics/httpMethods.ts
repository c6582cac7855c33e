/**
 * HTTP methods known to the semantic conventions; anything else is recorded as `_OTHER` so a client
 * cannot create series by inventing methods.
 */
export const KNOWN_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
  'QUERY',
] as const;

export const OTHER_METHOD = '_OTHER';
export const OTHER_METHOD_INDEX = KNOWN_METHODS.length;

/** Method names by index, `_OTHER` last. */
export const METHOD_NAMES: readonly string[] = [...KNOWN_METHODS, OTHER_METHOD];

const INDEX = new Map<string, number>(KNOWN_METHODS.map((m, i) => [m, i]));

/** Index of a request method in {@link METHOD_NAMES}; case-sensitive, as HTTP methods are. */
export function methodIndex(method: string | undefined): number {
  if (method === undefined) return OTHER_METHOD_INDEX;
  return INDEX.get(method) ?? OTHER_METHOD_INDEX;
}
