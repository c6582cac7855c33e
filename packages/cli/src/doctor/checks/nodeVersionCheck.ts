import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MIN_NODE_VERSION } from '@signalkit/node/internal';
import { LABEL, PROM } from '../../model/metricNames.js';
import type { CheckResult, DoctorCheck, DoctorContext } from '../DoctorCheck.js';
import { infoLabels } from '../infoLabels.js';
import { satisfies } from '../nodeRange.js';

const ID = 'node';
const SIGNALKIT_RANGE = `>=${MIN_NODE_VERSION}`;

/** `engines.node` of the project's package.json; undefined when there is none. */
async function projectRange(dir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      engines?: { node?: unknown };
    };
    return typeof pkg.engines?.node === 'string' ? pkg.engines.node : undefined;
  } catch {
    return undefined;
  }
}

/** The Node.js version the service runs, from `target_info` (`process.runtime.*`). */
function serviceVersion(context: DoctorContext): string | undefined {
  if (context.scrape === undefined) return undefined;
  const info = infoLabels(context.scrape, PROM.targetInfo);
  if (info === undefined || info[LABEL.runtimeName] !== 'nodejs') return undefined;
  return info[LABEL.runtimeVersion];
}

/**
 * The Node.js of the service (from its endpoint) and the one here, against the project's `engines.node`
 * and against the oldest Node.js signalkit supports. The service outside a range fails; only the local
 * one outside the project's range warns (it builds and tests, it does not serve).
 */
export const nodeVersionCheck: DoctorCheck = {
  id: ID,
  needsScrape: false,
  async run(context: DoctorContext): Promise<CheckResult> {
    const local = context.localNodeVersion;
    const service = serviceVersion(context);
    const range = await projectRange(context.dir);
    const problems: { status: 'warn' | 'fail'; text: string }[] = [];
    const notes: string[] = [];
    const against = (who: string, version: string, wanted: string, what: string, status: 'warn' | 'fail') => {
      const inRange = satisfies(version, wanted);
      if (inRange === false)
        problems.push({ status, text: `${who} runs Node.js ${version}, outside ${what} ${wanted}` });
      if (inRange === undefined) notes.push(`cannot read ${what} ${JSON.stringify(wanted)}: not checked`);
    };
    if (service !== undefined) {
      against('the service', service, SIGNALKIT_RANGE, "signalkit's supported range", 'fail');
      if (range !== undefined) against('the service', service, range, 'the project engines.node', 'fail');
    }
    if (range !== undefined) against('this machine', local, range, 'the project engines.node', 'warn');
    const versions =
      (service === undefined ? 'service Node.js unknown' : `service on Node.js ${service}`) +
      `, this machine on ${local}` +
      (range === undefined
        ? ' (no engines.node in the project package.json)'
        : `, project engines.node ${range}`);
    if (problems.length === 0) {
      return {
        id: ID,
        status: 'ok',
        summary: versions,
        ...(notes.length > 0 ? { detail: notes } : {}),
      };
    }
    const failed = problems.some((problem) => problem.status === 'fail');
    return {
      id: ID,
      status: failed ? 'fail' : 'warn',
      summary: problems.map((problem) => problem.text).join('; '),
      detail: [versions, ...notes],
      fix:
        `Run a Node.js inside the range (signalkit needs ${SIGNALKIT_RANGE}; below it signalkit turns itself off), ` +
        'or correct engines.node in package.json if the range is stale.',
    };
  },
};
