import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runScript } from '../../support/childApp.js';

const APP = resolve(import.meta.dirname, 'app.mjs');

describe('a logger created without options names the service as the running @signalkit/node does', () => {
  it('options > SDK config > environment > default (child process, CJS SDK, ESM logger)', async () => {
    const result = await runScript(APP, {
      env: { OTEL_SERVICE_NAME: 'from-env', OTEL_RESOURCE_ATTRIBUTES: 'team=env,region=eu' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const identity = jsonLines(result.stdout).map((line) => ({
      message: line.message,
      service: line['service.name'],
      environment: line['deployment.environment.name'],
      team: line.team,
      region: line.region,
    }));
    expect(identity).toEqual([
      { message: 'before init', service: 'from-env', environment: undefined, team: 'env', region: 'eu' },
      { message: 'while the SDK runs', service: 'from-sdk', environment: 'sdk', team: 'env', region: 'eu' },
      { message: 'with options', service: 'from-option', environment: 'sdk', team: 'option', region: 'eu' },
      { message: 'after shutdown', service: 'from-env', environment: undefined, team: 'env', region: 'eu' },
    ]);
  });
});
