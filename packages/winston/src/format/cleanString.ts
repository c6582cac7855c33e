/**
 * Control strings: OSC (`ESC ]`, terminal title, hyperlinks), DCS (`ESC P`), PM (`ESC ^`) and APC (`ESC _`),
 * 7-bit and 8-bit, up to their terminator (BEL or `ESC \\`) or the end of the string. Their text is
 * removed with them: it was never meant to be seen.
 */
const CONTROL_STRING =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what this matches
  /(?:\u001b[\]P^_]|[\u0090\u009d\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;

/**
 * Terminal escape sequences: CSI (`ESC [` or the 8-bit `0x9B`), OSC (`ESC ]` ... BEL or `ESC \`), and the
 * two-character ESC forms. The same coverage as the `ansi-regex` package.
 */
const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what this matches
  /[\u001b\u009b][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?(?:\u0007|\u001b\\))|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))/g;

/** Control characters other than tab, LF and CR (JSON escapes those), C1 controls included. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: a fast test for the rare strings that need work
const NEEDS_WORK = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * A string that cannot drive a terminal or a log viewer: escape sequences are removed, then any remaining
 * control character. CR and LF stay (a message may span lines); JSON encoding turns them into `\r`, `\n`.
 */
export function stripControl(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  return value.replace(CONTROL_STRING, '').replace(ANSI, '').replace(CONTROL, '');
}

/** `scheme://user:password@` in a string: the credentials are replaced, the rest of the URL stays. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@:]+:[^\s/?#@]+@/gi;

/** Hides the credentials of URLs written into a string (`postgres://app:hunter2@db` -> `postgres://[REDACTED]@db`). */
export function redactUrlCredentials(value: string): string {
  if (!value.includes('://') || !value.includes('@')) return value;
  return value.replace(URL_CREDENTIALS, '$1[REDACTED]@');
}

/**
 * Cleaned and bounded: what every string of a record goes through. Escape sequences and control characters
 * are removed, URL credentials hidden, and the result cut to `max` characters with a marker saying how many
 * were cut. Work is bounded too: a huge string is only scanned up to twice the limit.
 */
export function cleanString(value: string, max: number): string {
  const head = value.length > max * 2 ? value.slice(0, max * 2) : value;
  const clean = redactUrlCredentials(stripControl(head));
  if (clean.length <= max && head === value) return clean;
  let end = Math.min(max, clean.length);
  const code = clean.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${clean.slice(0, end)}…[+${value.length - end} chars]`;
}
