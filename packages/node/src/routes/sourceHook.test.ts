import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const HOOK = pathToFileURL(resolve(import.meta.dirname, 'sourceHook.ts')).href;

/**
 * A process with the hook installed (hooks are per process, so never in the test worker itself): the
 * patch appends a line to `fw/dist/core.js`, answers undefined for `fw/dist/odd.js` and throws for
 * `fw/dist/bad.js`; each file, loaded by `import` and by `require`, prints what it became.
 */
describe('installSourcePatches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signalkit-sourcehook-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['core', 'odd', 'bad', 'other', 'early']) {
    writeFileSync(join(dir, `${name}.mjs`), `export const who = '${name}';\n`);
    writeFileSync(join(dir, `${name}.cjs`), `exports.who = '${name}';\n`);
  }
  const main = join(dir, 'main.mjs');
  writeFileSync(
    main,
    `import { createRequire } from 'node:module';
import { installSourcePatches } from ${JSON.stringify(HOOK)};
const require = createRequire(import.meta.url);
// Required before the hook exists: stays as it was, and is reported.
const early = require('./early.cjs');
const reports = [];
const report = (name, problem) => reports.push(name + ': ' + problem.replace(/(?:file:)?\\/\\S+\\//, ''));
const installed = installSourcePatches(
  [
    {
      name: 'fw',
      packageName: 'fw',
      urlSuffixes: ['/early.cjs', '/core.mjs', '/core.cjs', '/odd.mjs', '/odd.cjs', '/bad.mjs', '/bad.cjs'],
      transform(source, url) {
        if (url.includes('/odd.')) return undefined;
        if (url.includes('/bad.')) throw new Error('no');
        return source + (url.endsWith('.mjs') ? "export const patched = true;\\n" : "exports.patched = true;\\n");
      },
    },
  ],
  report,
);
// A second signalkit copy: the same hook, its reporter from now on.
const again = installSourcePatches([{ name: 'fw', packageName: 'fw', urlSuffixes: [], transform: () => '' }], report);
const absent = installSourcePatches([], report);
const out = { installed, again, absent, early: [early.who, early.patched === true] };
for (const name of ['core', 'odd', 'bad', 'other']) {
  const esm = await import('./' + name + '.mjs');
  const cjs = require('./' + name + '.cjs');
  out[name] = [esm.who, esm.patched === true, cjs.who, cjs.patched === true];
}
out.reports = reports;
console.log(JSON.stringify(out));
`,
  );

  it('changes the listed files for import and require, leaves the others, and reports what it left out', () => {
    const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', main], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      installed: 'installed',
      again: 'installed',
      absent: 'not-needed',
      early: ['early', false],
      core: ['core', true, 'core', true],
      odd: ['odd', false, 'odd', false],
      bad: ['bad', false, 'bad', false],
      other: ['other', false, 'other', false],
      reports: [
        'fw: early.cjs was loaded before signalkit started, so its routes are left out: start signalkit first (--require or --import @signalkit/node/register)',
        'fw: odd.mjs does not look as expected (another version?); its routes are left out',
        'fw: odd.cjs does not look as expected (another version?); its routes are left out',
        'fw: could not change bad.mjs: Error: no',
        'fw: could not change bad.cjs: Error: no',
      ],
    });
  });
});
