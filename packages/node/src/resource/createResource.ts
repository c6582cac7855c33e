import { hostname } from 'node:os';
import type { Attributes } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import { installedVersion, resources } from '../lazyPackages.js';
import { VERSION } from '../version.js';
import { instanceId } from './instanceId.js';

/**
 * The resource attributes, built synchronously from the configuration and the process, without loading
 * the SDK. No detectors run: the cloud ones probe addresses outside the machine, and the rest cost
 * start-up time for little. The `telemetry.sdk.*` attributes are those of the SDK's `SDK_INFO`.
 */
export function resourceAttributes(config: ResolvedConfig): Attributes {
  const sdkVersion = installedVersion('@opentelemetry/core');
  return Object.freeze({
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.language': 'nodejs',
    ...(sdkVersion === undefined ? {} : { 'telemetry.sdk.version': sdkVersion }),
    'telemetry.distro.name': 'signalkit',
    'telemetry.distro.version': VERSION,
    'service.instance.id': instanceId(),
    'host.name': hostname(),
    'process.pid': process.pid,
    'process.runtime.name': 'nodejs',
    'process.runtime.version': process.versions.node,
    ...config.resourceAttributes,
    'service.name': config.serviceName,
  });
}

/** The SDK's Resource of these attributes, for the providers (loads @opentelemetry/resources). */
export function createResource(attributes: Attributes): Resource {
  return resources().resourceFromAttributes(attributes);
}
