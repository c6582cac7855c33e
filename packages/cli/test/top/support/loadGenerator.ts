import { HTTP_DURATION_BUCKETS } from '@signalkit/node';
import { startChild } from '../../../../../test/support/childProcess.js';
import { LOAD_CLI } from './examplePaths.js';

/** The load generator's report (examples/load/src/groundTruth.js). */
export interface GroundTruth {
  total: number;
  answered: number;
  counts: {
    method: string;
    route: string | null;
    status: number;
    count: number;
    latencySeconds: { p50: number; p95: number; p99: number };
  }[];
  failures: unknown[];
}

/** Runs the load generator against `target` until it is done; its ground truth. */
export async function runLoad(target: string, args: string[]): Promise<GroundTruth> {
  const load = startChild(process.execPath, [LOAD_CLI, '--target', target, '--json', ...args]);
  const code = await load.exited;
  if (code !== 0) throw new Error(`load generator exited with ${code}: ${load.stderr()}`);
  return JSON.parse(load.stdout()) as GroundTruth;
}

/** Index of the histogram bucket a duration falls in (`le` semantics; the last is +Inf). */
export function bucketOf(seconds: number): number {
  const i = HTTP_DURATION_BUCKETS.findIndex((le) => seconds <= le);
  return i === -1 ? HTTP_DURATION_BUCKETS.length : i;
}
