import { SDK_INFO } from '@opentelemetry/core';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config/resolveConfig.js';
import { createResource, resourceAttributes } from './createResource.js';

describe('resourceAttributes', () => {
  it("carries the SDK's telemetry.sdk.* attributes without loading it, then the config's", () => {
    const { config } = resolveConfig({ serviceName: 'orders' });
    const attributes = resourceAttributes(config);
    expect(attributes['telemetry.sdk.name']).toBe(SDK_INFO['telemetry.sdk.name']);
    expect(attributes['telemetry.sdk.language']).toBe(SDK_INFO['telemetry.sdk.language']);
    expect(attributes['telemetry.sdk.version']).toBe(SDK_INFO['telemetry.sdk.version']);
    expect(attributes['service.name']).toBe('orders');
    expect(attributes['process.pid']).toBe(process.pid);
    expect(createResource(attributes).attributes).toEqual(attributes);
  });
});
