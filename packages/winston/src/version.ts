/** The version of @signalkit/winston. */
export const VERSION = '0.1.0';
