import { createEnvReader } from './createEnvReader.js';
import { ENV_VARS } from './envTable.js';

export {
  describeType,
  type Env,
  type EnvReading,
  isHost,
  isHttpUrl,
  isUrlPath,
} from './createEnvReader.js';

/** The readers of @signalkit/node's table: `readEnv(env, name)` and `specOf(name)`. */
export const { readEnv, specOf } = createEnvReader(ENV_VARS);
