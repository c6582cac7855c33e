import { describe, expect, it } from 'vitest';
import type { ServiceSnapshot, TopSnapshot } from '../snapshot.js';
import { HISTORY_SECONDS, historyBounds, MAX_SNAPSHOTS, SnapshotHistory } from './SnapshotHistory.js';

/** A snapshot at second `n` with one service of `routes` routes (only what the history counts). */
function snapshot(n: number, routes = 0): TopSnapshot {
  const service = {
    service: 'orders',
    routes: Array.from({ length: routes }, (_, i) => ({ route: `/r${i}` })),
  } as unknown as ServiceSnapshot;
  return {
    time: new Date(n * 1000),
    intervalSeconds: 1,
    thresholdsFrom: 'defaults',
    services: [service],
  };
}

const seconds = (history: SnapshotHistory) => history.snapshots().map((s) => s.time.getTime() / 1000);

describe('SnapshotHistory', () => {
  it('keeps snapshots oldest first and counts every one added', () => {
    const history = new SnapshotHistory({ maxSnapshots: 5, maxRows: 1000 });
    expect(history.latest()).toBeUndefined();
    expect(history.snapshots()).toEqual([]);
    for (let n = 1; n <= 3; n++) history.add(snapshot(n));
    expect(seconds(history)).toEqual([1, 2, 3]);
    expect(history.latest()?.time.getTime()).toBe(3000);
    expect(history.sequence).toBe(3);
  });

  it('drops the oldest past maxSnapshots, so it never holds more, however many are added', () => {
    const history = new SnapshotHistory({ maxSnapshots: 4, maxRows: 1_000_000 });
    for (let n = 1; n <= 1000; n++) {
      history.add(snapshot(n));
      expect(history.length).toBe(Math.min(n, 4));
    }
    expect(seconds(history)).toEqual([997, 998, 999, 1000]);
    expect(history.sequence).toBe(1000);
  });

  it('drops the oldest while the rows (services plus routes) exceed maxRows, keeping the latest', () => {
    const history = new SnapshotHistory({ maxSnapshots: 100, maxRows: 25 });
    for (let n = 1; n <= 10; n++) history.add(snapshot(n, 4)); // 5 rows each
    expect(seconds(history)).toEqual([6, 7, 8, 9, 10]);
    history.add(snapshot(11, 99)); // 100 rows alone: over the bound, but the latest stays
    expect(seconds(history)).toEqual([11]);
    history.add(snapshot(12, 0));
    expect(seconds(history)).toEqual([12]);
    history.add(snapshot(13, 0));
    expect(seconds(history)).toEqual([12, 13]);
  });

  it('keeps ten minutes of snapshots for an interval, within the maximum', () => {
    expect(HISTORY_SECONDS).toBe(600);
    expect(historyBounds(2).maxSnapshots).toBe(301);
    expect(historyBounds(7).maxSnapshots).toBe(87);
    expect(historyBounds(0.1).maxSnapshots).toBe(MAX_SNAPSHOTS);
  });

  it('refuses a bound that could hold nothing', () => {
    expect(() => new SnapshotHistory({ maxSnapshots: 0, maxRows: 1 })).toThrow(RangeError);
  });
});
