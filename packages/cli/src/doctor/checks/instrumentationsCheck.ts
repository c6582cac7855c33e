import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INSTRUMENTATION_CATALOG } from '@signalkit/node/internal';
import { LABEL, PROM } from '../../model/metricNames.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { hasPackage } from '../hasPackage.js';
import { infoLabels } from '../infoLabels.js';

const ID = 'instrumentations';
const AUTO = '@opentelemetry/auto-instrumentations-node';

/**
 * The libraries the project has (in its node_modules) whose spans signalkit would make by default, and
 * whether each one's instrumentation is there: @signalkit/node brings only http and undici; the others come
 * from the app's install of the instrumentation or of auto-instrumentations-node. A library without one gets
 * no spans, and the service says so only once, on stderr, at start.
 */
export const instrumentationsCheck: DoctorCheck = {
  id: ID,
  needsScrape: false,
  run({ dir, scrape }: DoctorContext): CheckResult {
    if (!existsSync(join(dir, 'node_modules')))
      return { id: ID, status: 'skip', summary: `no node_modules in ${dir} (give the project with --dir)` };
    const info = scrape === undefined ? undefined : infoLabels(scrape, PROM.configInfo);
    if (info !== undefined && info[LABEL.traces] === 'off')
      return { id: ID, status: 'skip', summary: 'traces are off: no instrumentation is loaded' };
    const auto = hasPackage(dir, AUTO);
    const covered: string[] = [];
    const missing: { library: string; instrumentation: string }[] = [];
    for (const entry of INSTRUMENTATION_CATALOG) {
      if (!entry.defaultOn) continue;
      const library = entry.targets.find((target) => hasPackage(dir, target));
      if (library === undefined) continue;
      const instrumentation = `@opentelemetry/instrumentation-${entry.name}`;
      if (auto || hasPackage(dir, instrumentation)) covered.push(library);
      else missing.push({ library, instrumentation });
    }
    if (missing.length === 0)
      return {
        id: ID,
        status: 'ok',
        summary:
          covered.length === 0
            ? 'no library with an instrumentation in the catalogue besides node:http and fetch'
            : `spans from ${covered.join(', ')}${auto ? ` (through ${AUTO})` : ''}`,
      };
    return {
      id: ID,
      status: 'warn',
      summary: `no spans from ${missing.map((m) => m.library).join(', ')}: ${missing.length === 1 ? 'its instrumentation is' : 'their instrumentations are'} not installed`,
      detail: missing.map((m) => `${m.library}: ${m.instrumentation}`),
      fix: `npm install ${missing.map((m) => m.instrumentation).join(' ')} (or ${AUTO} for every instrumentation)`,
    };
  },
};
