import type { ResolvedTraces } from '../config/resolveTraces.js';

/**
 * The span exporter's timeout, held below the batch processor's export timeout: were the processor to
 * give up first, its next batch would find the exporter still busy with the last one (one export at a
 * time) and be refused unsent. With the defaults (10 s each) the exporter gets 9 s.
 */
export function exporterTimeout(traces: Pick<ResolvedTraces, 'exporter' | 'batch'>): number {
  const batchTimeout = traces.batch.exportTimeoutMillis;
  const margin = Math.max(50, Math.round(batchTimeout * 0.1));
  return Math.max(1, Math.min(traces.exporter.timeoutMillis, batchTimeout - margin));
}
