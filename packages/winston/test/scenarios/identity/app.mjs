// Loggers created without options, before, while and after @signalkit/node runs. signalkit is started
// through its CommonJS build and the logger comes from the ESM one: the running SDK is found across builds.
import { createRequire } from 'node:module';
import { createLogger } from '@signalkit/winston';

const { initObservability } = createRequire(import.meta.url)('@signalkit/node');

createLogger().info('before init');
const handle = initObservability({
  serviceName: 'from-sdk',
  resourceAttributes: { 'deployment.environment.name': 'sdk' },
  metrics: { enabled: false },
});
createLogger().info('while the SDK runs');
createLogger({ serviceName: 'from-option', resourceAttributes: { team: 'option' } }).info('with options');
await handle.shutdown();
createLogger().info('after shutdown');
