// Express 4, CommonJS.
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const express = require('express4');
const { buildApp, listen } = require('./buildApp.cjs');

listen(buildApp(express, 4));
