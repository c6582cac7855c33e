import type { TopSnapshot } from '../snapshot.js';

/** How far back the web view's charts reach, in seconds. */
export const HISTORY_SECONDS = 600;
/** At most this many snapshots are kept, whatever the interval (a 0.1 s interval keeps 5 minutes). */
export const MAX_SNAPSHOTS = 3000;
/**
 * At most this many rows (one per service plus one per route) over all kept snapshots, so a service
 * with thousands of routes cannot make the history hold millions of them.
 */
export const MAX_ROWS = 200_000;

export interface HistoryBounds {
  readonly maxSnapshots: number;
  readonly maxRows: number;
}

/** The bounds for scrapes every `intervalSeconds`: {@link HISTORY_SECONDS} worth, within the maxima. */
export function historyBounds(intervalSeconds: number): HistoryBounds {
  return {
    maxSnapshots: Math.min(MAX_SNAPSHOTS, Math.ceil(HISTORY_SECONDS / intervalSeconds) + 1),
    maxRows: MAX_ROWS,
  };
}

function rowsOf(snapshot: TopSnapshot): number {
  return snapshot.services.reduce((n, s) => n + 1 + s.routes.length, 0);
}

/**
 * The latest snapshots, oldest first, in a ring buffer: adding one past a bound drops the oldest.
 * The latest is always kept, even alone over `maxRows`.
 */
export class SnapshotHistory {
  private readonly slots: (TopSnapshot | undefined)[];
  private start = 0;
  private size = 0;
  private rows = 0;
  private added = 0;

  constructor(private readonly bounds: HistoryBounds) {
    if (!Number.isInteger(bounds.maxSnapshots) || bounds.maxSnapshots < 1)
      throw new RangeError(`maxSnapshots must be a positive integer, not ${bounds.maxSnapshots}`);
    this.slots = new Array(bounds.maxSnapshots);
  }

  /** How many snapshots were ever added: changes whenever the latest does. */
  get sequence(): number {
    return this.added;
  }

  get length(): number {
    return this.size;
  }

  add(snapshot: TopSnapshot): void {
    if (this.size === this.bounds.maxSnapshots) this.dropOldest();
    this.slots[(this.start + this.size) % this.bounds.maxSnapshots] = snapshot;
    this.size++;
    this.rows += rowsOf(snapshot);
    this.added++;
    while (this.size > 1 && this.rows > this.bounds.maxRows) this.dropOldest();
  }

  /** Oldest first. */
  snapshots(): TopSnapshot[] {
    const out: TopSnapshot[] = [];
    for (let i = 0; i < this.size; i++)
      out.push(this.slots[(this.start + i) % this.bounds.maxSnapshots] as TopSnapshot);
    return out;
  }

  latest(): TopSnapshot | undefined {
    return this.size === 0 ? undefined : this.slots[(this.start + this.size - 1) % this.bounds.maxSnapshots];
  }

  private dropOldest(): void {
    const oldest = this.slots[this.start] as TopSnapshot;
    this.slots[this.start] = undefined;
    this.rows -= rowsOf(oldest);
    this.start = (this.start + 1) % this.bounds.maxSnapshots;
    this.size--;
  }
}
