import type { Integration } from '../integration.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export interface SignalActions {
  /** The handle's bounded shutdown; never rejects. */
  shutdown(): Promise<void>;
  /** The handle's bounded flush; never rejects. */
  flush(): Promise<void>;
}

/**
 * The opt-in SIGTERM/SIGINT handler (`shutdownOnSignals`). A listener on these signals replaces Node's
 * default (die at once), so it has to give that exit back:
 * - when signalkit's listener is the only one, it runs the bounded shutdown (spans, metrics and logs get
 *   their last export), takes itself off and raises the signal again, so the process ends the way it would
 *   have without signalkit (killed by the signal: exit status 128 + n in a shell);
 * - when the app listens for the signal too, the app owns the exit: signalkit only flushes meanwhile;
 * - a second signal during the shutdown ends the process at once.
 */
export function shutdownOnSignals(actions: SignalActions): Integration {
  let shuttingDown = false;
  const listeners = new Map<NodeJS.Signals, () => void>();

  function removeListeners(): void {
    for (const [signal, listener] of listeners) process.off(signal, listener);
    listeners.clear();
  }

  function reraise(signal: NodeJS.Signals): void {
    removeListeners();
    try {
      process.kill(process.pid, signal);
    } catch {
      // Nothing else can end the process the same way; it ends when its work is done.
    }
  }

  function onSignal(signal: NodeJS.Signals): void {
    if (process.listenerCount(signal) > 1) {
      void actions.flush();
      return;
    }
    if (shuttingDown) {
      reraise(signal);
      return;
    }
    shuttingDown = true;
    void actions.shutdown().then(
      () => reraise(signal),
      () => reraise(signal),
    );
  }

  return {
    name: 'shutdown-on-signals',
    start() {
      for (const signal of SIGNALS) {
        const listener = () => onSignal(signal);
        listeners.set(signal, listener);
        process.on(signal, listener);
      }
    },
    stop() {
      // Once shut down (by the app or by a signal), a signal gets Node's default behaviour again, except
      // while signalkit itself is about to raise it.
      if (!shuttingDown) removeListeners();
    },
  };
}
