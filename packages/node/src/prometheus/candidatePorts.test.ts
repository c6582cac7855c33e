import { describe, expect, it } from 'vitest';
import { CLUSTER_PORT_RANGE, candidatePorts } from './PrometheusEndpoint.js';

describe('candidatePorts', () => {
  it('outside a cluster worker: the configured port only', () => {
    expect(candidatePorts(9464, false)).toEqual([9464]);
  });

  it('in a cluster worker: the ports after the configured one (the primary keeps it)', () => {
    const ports = candidatePorts(9464, true);
    expect(ports[0]).toBe(9465);
    expect(ports).toHaveLength(CLUSTER_PORT_RANGE);
    expect(ports.at(-1)).toBe(9464 + CLUSTER_PORT_RANGE);
  });

  it('port 0 stays 0 (a free port each); the range stops at 65535', () => {
    expect(candidatePorts(0, true)).toEqual([0]);
    expect(candidatePorts(65530, true)).toEqual([65531, 65532, 65533, 65534, 65535]);
  });
});
