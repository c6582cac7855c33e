// restify 12 imported from an ES module. Dynamic imports, so that in init mode signalkit starts first.
if (process.env.SIGNALKIT_TEST_INIT === '1') (await import('@signalkit/node')).initObservability();
const { default: restify } = await import('restify');
const { buildApp, listen } = await import('./buildApp.cjs');

listen(buildApp(restify));
