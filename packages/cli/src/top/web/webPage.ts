import { escapeHtml } from './escapeHtml.js';

/** The page's stylesheet, inline so the page needs nothing but its own server. */
const STYLE = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #677086; --line: #d5d9e2; --bg: #fbfcfe;
  --s0: #2f6fdf; --s1: #d97a00; --s2: #c22f4a; --bad: #c22f4a; --warn: #b8860b; --ok: #2f8a4c; }
@media (prefers-color-scheme: dark) { :root { --fg: #e3e7ef; --muted: #9aa3b5; --line: #394153; --bg: #141820; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; gap: 1em; align-items: baseline; padding: 0.6em 1.2em; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1em; margin: 0; }
h2 { font-size: 1.05em; margin: 0.2em 0; }
main { padding: 0 1.2em 2em; }
.meta, .note, .where, .facts, .alerts, .axis { color: var(--muted); }
.legend span { margin-left: 0.5em; } .k0 { color: var(--s0); } .k1 { color: var(--s1); } .k2 { color: var(--s2); }
.where { font-weight: normal; font-size: 0.85em; margin-left: 0.6em; }
#status.live { color: var(--ok); } #status.lost { color: var(--bad); }
.service { border-top: 1px solid var(--line); padding-top: 0.6em; margin-top: 0.8em; }
.down { color: var(--bad); font-weight: bold; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 0.6em 1.2em; }
figure { margin: 0; }
figcaption { font-size: 0.9em; }
svg.chart { width: 100%; height: auto; display: block; }
.axis { font-size: 10px; fill: var(--muted); }
.grid { stroke: var(--line); stroke-width: 1; }
.threshold { stroke: var(--bad); stroke-width: 1; stroke-dasharray: 4 3; }
.threshold.ticket { stroke: var(--warn); stroke-dasharray: 2 3; }
.series { fill: none; stroke-width: 1.8; stroke-linejoin: round; stroke-linecap: round; }
.s0 { stroke: var(--s0); } .s1 { stroke: var(--s1); } .s2 { stroke: var(--s2); }
table.routes { border-collapse: collapse; margin-top: 0.8em; font-variant-numeric: tabular-nums; }
.routes th, .routes td { padding: 0.15em 0.8em 0.15em 0; text-align: left; }
.routes th { color: var(--muted); font-weight: normal; border-bottom: 1px solid var(--line); }
.routes .num { text-align: right; }
.routes tr.total td { font-weight: bold; }
.route { font-family: ui-monospace, monospace; word-break: break-all; }
.breach { color: var(--bad); font-weight: bold; } .breach.ticket { color: var(--warn); }
.fire h3 { font-size: 0.95em; font-weight: normal; margin: 0.4em 0 0; }
.fire ul { padding-left: 1.2em; list-style: none; } .fire li.page { color: var(--bad); } .fire li.ticket { color: var(--warn); }
`;

/**
 * The page's script: asks for the dashboard again while the history grows and swaps it in. The fragment
 * comes from this page's own server, which escapes everything it took from an endpoint.
 */
const SCRIPT = `
(() => {
  const main = document.getElementById('main');
  const status = document.getElementById('status');
  const every = Number(document.body.dataset.pollMillis);
  let seq = main.firstElementChild ? main.firstElementChild.dataset.seq : '';
  const poll = async () => {
    try {
      const response = await fetch('dashboard?seq=' + encodeURIComponent(seq), { cache: 'no-store' });
      if (response.status === 200) {
        const html = await response.text();
        main.innerHTML = html;
        seq = main.firstElementChild ? main.firstElementChild.dataset.seq : '';
      } else if (response.status !== 204) throw new Error('HTTP ' + response.status);
      status.textContent = 'live';
      status.className = 'live';
    } catch {
      status.textContent = 'signalkit top is not answering (stopped?)';
      status.className = 'lost';
    }
    setTimeout(poll, every);
  };
  setTimeout(poll, every);
})();
`;

/**
 * The Content-Security-Policy of the page: everything from its own origin only, the inline style and
 * script only with this response's nonce.
 */
export function pageContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface WebPageInput {
  /** Base64, fresh for each response; only the page's own style and script carry it. */
  readonly nonce: string;
  /** The dashboard fragment to show until the first refresh. */
  readonly dashboard: string;
  /** How often the script asks for a new dashboard, milliseconds. */
  readonly pollMillis: number;
}

/** The whole page: one HTML document with its style and script inline, no build step, no CDN. */
export function webPage({ nonce, dashboard, pollMillis }: WebPageInput): string {
  const n = escapeHtml(nonce);
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>signalkit top</title><style nonce="${n}">${STYLE}</style></head>` +
    `<body data-poll-millis="${Math.round(pollMillis)}"><header><h1>signalkit top</h1><span id="status" class="live">live</span></header>` +
    `<main id="main">${dashboard}</main><script nonce="${n}">${SCRIPT}</script></body></html>\n`
  );
}
