/** The version of @signalkit/cli. */
export const VERSION = '0.1.0';
