// hapi 21 imported from an ES module. Dynamic imports, so that in init mode signalkit starts first.
if (process.env.SIGNALKIT_TEST_INIT === '1') (await import('@signalkit/node')).initObservability();
const { default: Hapi } = await import('@hapi/hapi');
const { default: Boom } = await import('@hapi/boom');
const { buildApp, listen } = await import('./buildApp.cjs');

await listen(await buildApp(Hapi, Boom));
