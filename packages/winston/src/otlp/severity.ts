import { SeverityNumber } from '@opentelemetry/api';

/**
 * winston levels to OpenTelemetry severity numbers (logs data model, "Field: SeverityNumber"): a larger
 * number is more severe, and levels that share a range take its finer numbers (DEBUG2, DEBUG3, ...) in
 * their order. The tables are those of @opentelemetry/winston-transport, so a record looks the same
 * whichever sends it.
 *
 * | npm     | severity   | syslog  | severity    | cli     | severity   |
 * |---------|------------|---------|-------------|---------|------------|
 * | error   | ERROR 17   | emerg   | FATAL3 23   | error   | ERROR 17   |
 * | warn    | WARN 13    | alert   | FATAL2 22   | warn    | WARN 13    |
 * | info    | INFO 9     | crit    | FATAL 21    | help    | INFO3 11   |
 * | http    | DEBUG3 7   | error   | ERROR 17    | data    | INFO2 10   |
 * | verbose | DEBUG2 6   | warning | WARN 13     | info    | INFO 9     |
 * | debug   | DEBUG 5    | notice  | INFO2 10    | debug   | DEBUG 5    |
 * | silly   | TRACE 1    | info    | INFO 9      | prompt  | TRACE4 4   |
 * |         |            | debug   | DEBUG 5     | verbose | TRACE3 3   |
 * |         |            |         |             | input   | TRACE2 2   |
 * |         |            |         |             | silly   | TRACE 1    |
 *
 * npm's `http` sits below `info`, so it cannot be INFO (9): it takes a DEBUG number above `verbose` and
 * `debug`. `verbose` means different things in npm (above debug) and cli (below it): the logger's level set
 * decides. `fatal` and `trace` (OpenTelemetry-style level sets) are FATAL and TRACE. Any other level is
 * UNSPECIFIED (0); its name is still the severity text.
 */
const NPM: Readonly<Record<string, SeverityNumber>> = {
  error: SeverityNumber.ERROR,
  warn: SeverityNumber.WARN,
  info: SeverityNumber.INFO,
  http: SeverityNumber.DEBUG3,
  verbose: SeverityNumber.DEBUG2,
  debug: SeverityNumber.DEBUG,
  silly: SeverityNumber.TRACE,
};

const SYSLOG: Readonly<Record<string, SeverityNumber>> = {
  emerg: SeverityNumber.FATAL3,
  alert: SeverityNumber.FATAL2,
  crit: SeverityNumber.FATAL,
  error: SeverityNumber.ERROR,
  warning: SeverityNumber.WARN,
  notice: SeverityNumber.INFO2,
  info: SeverityNumber.INFO,
  debug: SeverityNumber.DEBUG,
};

const CLI: Readonly<Record<string, SeverityNumber>> = {
  error: SeverityNumber.ERROR,
  warn: SeverityNumber.WARN,
  help: SeverityNumber.INFO3,
  data: SeverityNumber.INFO2,
  info: SeverityNumber.INFO,
  debug: SeverityNumber.DEBUG,
  prompt: SeverityNumber.TRACE4,
  verbose: SeverityNumber.TRACE3,
  input: SeverityNumber.TRACE2,
  silly: SeverityNumber.TRACE,
};

/** For levels a set's own table lacks: npm first, then syslog, cli and OpenTelemetry-style names. */
const ANY: Readonly<Record<string, SeverityNumber>> = {
  fatal: SeverityNumber.FATAL,
  trace: SeverityNumber.TRACE,
  ...CLI,
  ...SYSLOG,
  ...NPM,
};

/** The table for a logger's level set: cli and syslog are recognised by their own level names. */
function tableFor(
  levels: Readonly<Record<string, number>> | undefined,
): Readonly<Record<string, SeverityNumber>> {
  if (levels !== undefined && Object.hasOwn(levels, 'prompt') && Object.hasOwn(levels, 'help')) return CLI;
  if (levels !== undefined && Object.hasOwn(levels, 'emerg')) return SYSLOG;
  return NPM;
}

/** The severity number of a winston level, given the logger's level set (npm when unknown). */
export function severityOf(level: string, levels?: Readonly<Record<string, number>>): SeverityNumber {
  const table = tableFor(levels);
  if (Object.hasOwn(table, level)) return table[level] as SeverityNumber;
  return Object.hasOwn(ANY, level) ? (ANY[level] as SeverityNumber) : SeverityNumber.UNSPECIFIED;
}
