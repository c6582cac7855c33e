import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPackageManager, preloadApplies } from './preloadTarget.js';

describe('isPackageManager', () => {
  it.each([
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/lib/node_modules/npm/bin/npx-cli.js',
    '/usr/bin/npm',
    '/usr/bin/npx',
    '/home/me/project/node_modules/.bin/pnpm',
    '/home/me/.local/share/pnpm/pnpm.cjs',
    '/usr/lib/node_modules/yarn/bin/yarn.js',
    '/home/me/project/.yarn/releases/yarn-4.5.1.cjs',
    'C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js',
  ])('recognises %s', (script) => {
    expect(isPackageManager(script)).toBe(true);
  });

  it.each([
    undefined,
    '',
    '/srv/app/server.js',
    '/srv/app/dist/index.mjs',
    '/srv/npm-mirror/app.js',
    '/srv/app/yarnish.js',
  ])('takes %j for an app', (script) => {
    expect(isPackageManager(script)).toBe(false);
  });

  it('follows a symlink to a package manager whatever the link is called', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signalkit-pm-'));
    const bin = join(dir, 'node_modules/npm/bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'cli-entry.js'), '');
    symlinkSync(join(bin, 'cli-entry.js'), join(dir, 'run-it'));
    expect(isPackageManager(join(dir, 'run-it'))).toBe(true);
  });
});

describe('preloadApplies', () => {
  it('starts in the main thread of an app only', () => {
    expect(preloadApplies('/srv/app/server.js', true)).toBe(true);
    expect(preloadApplies(undefined, true)).toBe(true);
    expect(preloadApplies('/srv/app/server.js', false)).toBe(false);
    expect(preloadApplies('/usr/bin/npm', true)).toBe(false);
  });
});
