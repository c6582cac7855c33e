import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { type Child, startChild } from '../../../../../test/support/childProcess.js';
import { freePort } from '../../../../../test/support/freePort.js';
import { EXPRESS_API } from '../../top/support/examplePaths.js';

const require = createRequire(import.meta.url);
/** The preload, as the cli package resolves it. */
const REGISTER = require.resolve('@signalkit/node/register');
const APPS = resolve(import.meta.dirname, '../apps');

export interface Service {
  readonly url: string;
  readonly metricsUrl: string;
  readonly child: Child;
  /** GETs each path, in order; returns the statuses. */
  get(...paths: string[]): Promise<number[]>;
  stop(): Promise<void>;
}

async function started(child: Child, port: number, metricsPort: number): Promise<Service> {
  try {
    await child.waitFor('listening ');
  } catch (error) {
    await child.stop();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    child,
    async get(...paths) {
      const statuses: number[] = [];
      for (const path of paths) {
        const res = await fetch(`${url}${path}`);
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      return statuses;
    },
    async stop() {
      await child.stop();
    },
  };
}

/** The example inventory service (Express 5, @signalkit/winston), with the preload, on free ports. */
export async function startInventory(env: Record<string, string> = {}): Promise<Service> {
  const [port, metricsPort] = await Promise.all([freePort(), freePort()]);
  const child = startChild(process.execPath, ['--import', '@signalkit/node/register', 'src/inventory.js'], {
    cwd: EXPRESS_API,
    env: {
      OTEL_SERVICE_NAME: 'inventory',
      INVENTORY_PORT: String(port),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      ...env,
    },
  });
  return started(child, port, metricsPort);
}

/** apps/plainHttp.cjs (node:http, no framework), with the preload, on free ports. */
export async function startPlainHttp(env: Record<string, string> = {}): Promise<Service> {
  const [port, metricsPort] = await Promise.all([freePort(), freePort()]);
  const child = startChild(process.execPath, ['--require', REGISTER, resolve(APPS, 'plainHttp.cjs')], {
    env: { PORT: String(port), OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort), ...env },
  });
  return started(child, port, metricsPort);
}

/** apps/upstreamExporter.cjs: the upstream PrometheusExporter, no signalkit. */
export async function startUpstreamExporter(): Promise<Service> {
  const metricsPort = await freePort();
  const child = startChild(process.execPath, [resolve(APPS, 'upstreamExporter.cjs')], {
    env: { METRICS_PORT: String(metricsPort) },
  });
  return started(child, 0, metricsPort);
}
