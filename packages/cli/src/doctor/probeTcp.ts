import { connect } from 'node:net';

/** The outcome of a connection attempt: connected, or why not in plain words. */
export type ProbeOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Opens a TCP connection to `host:port` and closes it at once: does something accept connections there?
 * Sends nothing, so it is safe against any collector. Bounded by `timeoutMillis`.
 */
export function probeTcp(host: string, port: number, timeoutMillis: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: ProbeOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: `no answer within ${timeoutMillis / 1000} s` }),
      timeoutMillis,
    );
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      switch (error.code) {
        case 'ECONNREFUSED':
          return done({ ok: false, reason: 'connection refused (nothing listens there)' });
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
          return done({ ok: false, reason: `host ${host} not found (${error.code})` });
        default:
          return done({ ok: false, reason: error.code ?? error.message });
      }
    });
  });
}
