#!/usr/bin/env node
// Runs every check of the suite and ends with the line `N passed, N failed`.
// Each non-vitest check counts as one test; vitest tests count one each.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
const failures = [];

function check(name, command, args, options = {}) {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status === 0) {
    passed++;
    process.stdout.write(`--- ok: ${name}\n`);
  } else {
    failed++;
    failures.push(name);
    process.stdout.write(`--- FAILED: ${name} (exit ${result.status ?? result.signal})\n`);
  }
}

check('lint (biome)', 'pnpm', ['exec', 'biome', 'check', '.']);
check('typecheck', 'pnpm', ['run', 'typecheck']);
for (const pkg of ['node', 'winston', 'cli']) {
  check(`packaging @signalkit/${pkg} (attw)`, 'pnpm', ['run', 'attw'], { cwd: `packages/${pkg}` });
}
check('bench quick mode', 'pnpm', ['--filter', '@signalkit/bench', 'run', 'bench', '--quick']);

// vitest: count its tests from the JSON report.
const report = join(mkdtempSync(join(tmpdir(), 'signalkit-vitest-')), 'report.json');
process.stdout.write('\n=== vitest\n');
const vitest = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  {
    stdio: 'inherit',
  },
);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that fails to load, or whose beforeAll/afterAll hook fails (its tests then show as skipped),
  // has no failed test in the count; count it so it cannot pass silently.
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  failed += brokenFiles.length;
  for (const file of json.testResults)
    for (const test of file.assertionResults) if (test.status === 'failed') failures.push(test.fullName);
  for (const file of brokenFiles)
    failures.push(
      `${file.name} (failed outside its tests, in a hook or while loading; see its error above) ${String(file.message ?? '').split('\n')[0]}`.trimEnd(),
    );
  if (json.numTotalTests === 0) {
    failed++;
    failures.push('vitest ran no test');
  }
  // Whatever else made vitest fail (an unhandled error between tests, for one) fails the run too.
  if (vitest.status !== 0 && failures.length === 0) {
    failed++;
    failures.push(`vitest exited ${vitest.status} with no failed test in its report`);
  }
} catch (error) {
  failed++;
  failures.push(`vitest report unreadable (exit ${vitest.status}): ${error.message}`);
}

if (failures.length > 0) {
  process.stdout.write('\nFailed:\n');
  for (const name of failures) process.stdout.write(`  - ${name}\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
