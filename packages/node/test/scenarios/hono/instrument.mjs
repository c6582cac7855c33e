// signalkit started by the app's own file, loaded with `node --import ./instrument.mjs app.mjs`.
import { initObservability } from '@signalkit/node';

initObservability();
