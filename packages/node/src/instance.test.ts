import { describe, expect, it, vi } from 'vitest';
import { initObservability } from './init.js';
import { getObservability } from './instance.js';

describe('getObservability', () => {
  it('is undefined before initObservability(), and reading creates nothing', () => {
    expect(getObservability()).toBeUndefined();
    expect(getObservability()).toBeUndefined();
  });

  it('returns the handle initObservability() created, with its resolved config, until shutdown()', async () => {
    const handle = initObservability({
      serviceName: 'orders',
      resourceAttributes: { 'deployment.environment.name': 'test' },
      metrics: { enabled: false },
      env: {},
    });
    expect(getObservability()).toBe(handle);
    expect(getObservability()?.config.serviceName).toBe('orders');
    expect(getObservability()?.config.resourceAttributes).toMatchObject({
      'deployment.environment.name': 'test',
    });
    await handle.shutdown();
    expect(getObservability()).toBeUndefined();
  });

  it('sees the handle another copy of the package created (a process global, not a module variable)', async () => {
    const handle = initObservability({ metrics: { enabled: false }, env: {} });
    try {
      vi.resetModules();
      const otherCopy = await import('./instance.js');
      expect(otherCopy.getObservability).not.toBe(getObservability);
      expect(otherCopy.getObservability()).toBe(handle);
    } finally {
      await handle.shutdown();
    }
  });
});
