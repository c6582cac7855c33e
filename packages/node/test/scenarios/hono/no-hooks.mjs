// Loaded with --import before signalkit: a Node.js without module.registerHooks (23.0 to 23.4 lack it).
import Module from 'node:module';

Module.registerHooks = undefined;
