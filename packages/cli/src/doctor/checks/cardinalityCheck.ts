import { ENV_VARS } from '@signalkit/node/internal';
import { LABEL, PROM } from '../../model/metricNames.js';
import type { Sample } from '../../prometheus/parsePrometheusText.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { infoLabels } from '../infoLabels.js';

const ID = 'cardinality';
const LIMIT_VARIABLE = 'SIGNALKIT_CARDINALITY_LIMIT';
/** The share of the limit from which doctor warns. */
export const NEAR_LIMIT_SHARE = 0.8;

/** The documented default, for services too old to expose `signalkit_config_info`. */
function defaultLimit(): number {
  return Number(ENV_VARS.find((spec) => spec.name === LIMIT_VARIABLE)?.default);
}

/** The family a sample belongs to: its `# TYPE` name (a histogram's `_bucket`, `_sum`, `_count` share one). */
function familyOf(name: string, types: ReadonlyMap<string, string>): string {
  if (types.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return types.get(base) === 'histogram' || types.get(base) === 'summary' ? base : name;
}

function seriesKey(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .filter((k) => k !== 'le' && k !== 'quantile')
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join('\u0000');
}

interface Family {
  readonly name: string;
  readonly series: Map<string, Readonly<Record<string, string>>>;
  overflow: boolean;
}

/** The label with the most distinct values in a family: usually the one that grows without bound. */
function widestLabel(family: Family): string | undefined {
  const values = new Map<string, Set<string>>();
  for (const labels of family.series.values()) {
    for (const [label, value] of Object.entries(labels)) {
      const set = values.get(label) ?? new Set<string>();
      values.set(label, set);
      set.add(value);
    }
  }
  let widest: [string, number] | undefined;
  for (const [label, set] of values)
    if (widest === undefined || set.size > widest[1]) widest = [label, set.size];
  return widest === undefined ? undefined : `${widest[0]} (${widest[1]} values)`;
}

function families(samples: readonly Sample[], types: ReadonlyMap<string, string>): Family[] {
  const out = new Map<string, Family>();
  for (const sample of samples) {
    if (sample.name === PROM.targetInfo || sample.name === PROM.configInfo) continue;
    const name = familyOf(sample.name, types);
    const family = out.get(name) ?? { name, series: new Map(), overflow: false };
    out.set(name, family);
    family.series.set(seriesKey(sample.labels), sample.labels);
    if (sample.labels[LABEL.overflow] === 'true') family.overflow = true;
  }
  return [...out.values()].sort((a, b) => b.series.size - a.series.size);
}

/**
 * Series per metric against the cardinality limit (read from `signalkit_config_info`, else the documented
 * default): a warning from 80 % of it, a failure once the overflow series exists, since from then on new
 * attribute combinations are lumped together.
 */
export const cardinalityCheck: DoctorCheck = {
  id: ID,
  needsScrape: true,
  run({ scrape }: DoctorContext): CheckResult {
    if (scrape === undefined) return { id: ID, status: 'skip', summary: 'no scrape' };
    const exposed = infoLabels(scrape, PROM.configInfo)?.[LABEL.cardinalityLimit];
    const limit = exposed === undefined ? defaultLimit() : Number(exposed);
    const source = exposed === undefined ? 'the default; the endpoint does not say' : LIMIT_VARIABLE;
    const all = families(scrape.metrics.samples, scrape.metrics.types);
    const largest = all[0];
    if (largest === undefined) return { id: ID, status: 'skip', summary: 'no series to count' };
    const share = (family: Family) => Math.round((family.series.size / limit) * 100);
    const describe = (family: Family) =>
      `${family.name}: ${family.series.size} series, ${share(family)} % of the limit` +
      (widestLabel(family) === undefined ? '' : `; most values: ${widestLabel(family)}`);

    const overflowing = all.filter((family) => family.overflow);
    if (overflowing.length > 0) {
      return {
        id: ID,
        status: 'fail',
        summary: `${overflowing.map((f) => f.name).join(', ')} reached the limit of ${limit} series (${source}): new attribute combinations go to one ${LABEL.overflow}="true" series`,
        detail: [
          ...overflowing.map(describe),
          'Totals stay exact, but the breakdown by route, status, ... is lost for everything past the limit.',
        ],
        fix: `Find the attribute with unbounded values (a raw path or an id instead of a route template) and drop it; raise ${LIMIT_VARIABLE} only if the series are all wanted.`,
      };
    }
    const near = all.filter((family) => family.series.size >= NEAR_LIMIT_SHARE * limit);
    if (near.length > 0) {
      return {
        id: ID,
        status: 'warn',
        summary: `${near.map((f) => f.name).join(', ')} near the limit of ${limit} series (${source})`,
        detail: near.map(describe),
        fix: `Past the limit, new attribute combinations are lumped into one overflow series. Look for an attribute with unbounded values; or raise ${LIMIT_VARIABLE}.`,
      };
    }
    return {
      id: ID,
      status: 'ok',
      summary: `largest: ${largest.name} with ${largest.series.size} series, ${share(largest)} % of the limit of ${limit} (${source})`,
    };
  },
};
