// Koa 3 + @koa/router imported from an ES module. Dynamic imports, so that in init mode signalkit starts first.
if (process.env.SIGNALKIT_TEST_INIT === '1') (await import('@signalkit/node')).initObservability();
const { default: Koa } = await import('koa');
const { default: Router } = await import('@koa/router');
const { buildApp, listen } = await import('./buildApp.cjs');

listen(buildApp(Koa, Router));
