import { diag } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiagnostics } from './diagnostics.js';
import { otelDiagKey, routeOtelDiagnostics } from './otelDiagnostics.js';

afterEach(() => diag.disable());

describe('SDK messages through signalkit diagnostics', () => {
  it('rate-limit messages that differ only in their numbers as one', () => {
    expect(otelDiagKey(['Dropped 1113 spans because maxQueueSize reached'])).toBe(
      otelDiagKey(['Dropped 971 spans because maxQueueSize reached']),
    );
    const lines: string[] = [];
    routeOtelDiagnostics(
      createDiagnostics('warn', (line) => lines.push(line)),
      'warn',
    );
    for (const n of [1113, 971, 1266]) diag.warn(`Dropped ${n} spans because maxQueueSize reached`);
    diag.warn('another message');
    expect(lines).toEqual([
      'signalkit warn: Dropped 1113 spans because maxQueueSize reached\n',
      'signalkit warn: another message\n',
    ]);
  });
});
