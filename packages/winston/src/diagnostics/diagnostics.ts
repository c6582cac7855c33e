import { createDiagnostics, type Diagnostics } from '@signalkit/node/internal';

/**
 * @signalkit/winston's one diagnostics channel: @signalkit/node's writer (one line each on stderr, prefixed
 * `signalkit`, rate-limited per key), shared by every logger, format and transport of the process. The only
 * place in the package that writes outside the logger's transports. Messages are built by the callers from
 * names, codes and counts only (errors through `describeError`): never from header values, URLs with
 * credentials or log content.
 */
export const diagnostics: Diagnostics = createDiagnostics('warn');
