import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SDK_INFO } from '@opentelemetry/core';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import { VERSION } from '../version.js';

/**
 * The resource, built synchronously from the configuration and the process. No detectors run: the
 * cloud ones probe addresses outside the machine, and the rest cost start-up time for little.
 */
export function createResource(config: ResolvedConfig): Resource {
  return resourceFromAttributes({
    ...SDK_INFO,
    'telemetry.distro.name': 'signalkit',
    'telemetry.distro.version': VERSION,
    'service.instance.id': randomUUID(),
    'host.name': hostname(),
    'process.pid': process.pid,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    ...config.resourceAttributes,
    'service.name': config.serviceName,
  });
}
