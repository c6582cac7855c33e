// Reads a V8 .cpuprofile and tells where the time went in a window: self time by function and by
// area (package), and inclusive time of the instrumentation's own functions.

/** A short, stable name for a script URL: the package (or repo folder) it belongs to, and the file. */
export function areaOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/packages/node/dist/')) return '@signalkit/node';
  if (url.includes('/bench/apps/')) return 'bench app';
  return url;
}

function shortUrl(url) {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) return url.slice(nm + '/node_modules/'.length);
  const pk = url.indexOf('/packages/');
  if (pk !== -1) return url.slice(pk + 1);
  return url.replace(/^file:\/\//, '');
}

function keyOf(frame) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

/**
 * Analyses `profile` between `fromUs` and `toUs` (V8 profile clock, microseconds; omit for all).
 * Returns { samples, idleShare, self: [{ key, area, share }], areas: [...], inclusive: [...] }, shares
 * as fractions of the non-idle samples.
 */
export function analyzeProfile(profile, { fromUs, toUs, inclusiveFilter = () => true } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  let t = profile.startTime;
  const picked = [];
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if ((fromUs === undefined || t >= fromUs) && (toUs === undefined || t <= toUs))
      picked.push(profile.samples[i]);
  }

  const self = new Map();
  const areas = new Map();
  const inclusive = new Map();
  let idle = 0;
  for (const id of picked) {
    const node = byId.get(id);
    if (node.callFrame.functionName === '(idle)') {
      idle++;
      continue;
    }
    const key = keyOf(node.callFrame);
    const area = areaOf(node.callFrame.url);
    const entry = self.get(key) ?? { key, area, count: 0 };
    entry.count++;
    self.set(key, entry);
    areas.set(area, (areas.get(area) ?? 0) + 1);
    // Inclusive: each function once per sample, however deep it recurses.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur).callFrame;
      if (!inclusiveFilter(frame)) continue;
      const k = keyOf(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      const e = inclusive.get(k) ?? { key: k, area: areaOf(frame.url), count: 0 };
      e.count++;
      inclusive.set(k, e);
    }
  }
  const busy = picked.length - idle;
  const share = (list) =>
    [...list].map((e) => ({ ...e, share: e.count / busy })).sort((a, b) => b.count - a.count);
  return {
    samples: picked.length,
    busySamples: busy,
    idleShare: picked.length ? idle / picked.length : 0,
    self: share(self.values()),
    areas: share([...areas].map(([area, count]) => ({ key: area, area, count }))),
    inclusive: share(inclusive.values()),
  };
}
