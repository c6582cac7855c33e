// Express 5, CommonJS.
if (process.env.SIGNALKIT_TEST_INIT === '1') require('@signalkit/node').initObservability();
const express = require('express');
const { buildApp, listen } = require('./buildApp.cjs');

listen(buildApp(express, 5));
