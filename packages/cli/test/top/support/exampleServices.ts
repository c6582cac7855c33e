import { type Child, startChild } from '../../../../../test/support/childProcess.js';
import { freePort } from '../../../../../test/support/freePort.js';
import { EXPRESS_API } from './examplePaths.js';

export interface ExampleServices {
  readonly ordersUrl: string;
  readonly ordersMetricsUrl: string;
  readonly inventoryMetricsUrl: string;
  stop(): Promise<void>;
}

async function startService(script: string, env: Record<string, string>): Promise<Child> {
  // Started the way the README starts them: the preload, resolved from the example's own dependencies.
  const child = startChild(process.execPath, ['--import', '@signalkit/node/register', script], {
    cwd: EXPRESS_API,
    env,
  });
  await child.waitFor('listening ');
  return child;
}

/** The orders and inventory examples, with the signalkit preload, on free ports. */
export async function startExampleServices(): Promise<ExampleServices> {
  const [inventoryPort, inventoryMetrics, ordersPort, ordersMetrics] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const inventory = await startService('src/inventory.js', {
    OTEL_SERVICE_NAME: 'inventory',
    INVENTORY_PORT: String(inventoryPort),
    OTEL_EXPORTER_PROMETHEUS_PORT: String(inventoryMetrics),
  });
  let orders: Child;
  try {
    orders = await startService('src/orders.js', {
      OTEL_SERVICE_NAME: 'orders',
      ORDERS_PORT: String(ordersPort),
      OTEL_EXPORTER_PROMETHEUS_PORT: String(ordersMetrics),
      INVENTORY_URL: `http://127.0.0.1:${inventoryPort}`,
    });
  } catch (error) {
    await inventory.stop();
    throw error;
  }
  return {
    ordersUrl: `http://127.0.0.1:${ordersPort}`,
    ordersMetricsUrl: `http://127.0.0.1:${ordersMetrics}/metrics`,
    inventoryMetricsUrl: `http://127.0.0.1:${inventoryMetrics}/metrics`,
    async stop() {
      await Promise.all([orders.stop(), inventory.stop()]);
    },
  };
}
