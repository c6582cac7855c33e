#!/usr/bin/env node
// Writes the README configuration table from the one table of environment variables
// (packages/node/src/config/envTable.ts), between the config-table markers; nothing else in README.md
// is touched. `--check` changes nothing and exits 1 when the README is out of date.
//
//   pnpm docs:config            regenerate
//   node scripts/gen-config-docs.mjs --check [--readme <file>]
//
// The table is read from the TypeScript source, not from dist/, so the README never depends on a
// stale build: the config modules are transpiled (types erased by the TypeScript compiler) into a
// temporary directory and imported from there.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG_DIR = join(ROOT, 'packages/node/src/config');
export const START_MARKER = '<!-- config-table:start -->';
export const END_MARKER = '<!-- config-table:end -->';

/** Transpiles `entries` and the relative modules they import into `outDir`, keeping the layout. */
function transpileGraph(entries, outDir) {
  const pending = [...entries];
  const done = new Set();
  while (pending.length > 0) {
    const file = pending.pop();
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(outDir, relative(CONFIG_DIR, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
    // Follow the relative imports that survive type erasure (`./x.js` names `./x.ts` in the sources).
    for (const { fileName } of ts.preProcessFile(outputText, true, false).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      pending.push(resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
    }
  }
}

/** The variables and the helpers that describe them, from the TypeScript sources. */
export async function loadTable() {
  // Inside the package, so any package a config module imports would resolve as in the build.
  const cache = join(ROOT, 'packages/node/node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'config-docs-'));
  try {
    writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
    transpileGraph([join(CONFIG_DIR, 'envTable.ts'), join(CONFIG_DIR, 'readEnv.ts')], outDir);
    const table = await import(pathToFileURL(join(outDir, 'envTable.js')).href);
    const readEnv = await import(pathToFileURL(join(outDir, 'readEnv.js')).href);
    return {
      vars: table.ENV_VARS,
      invalidEffect: table.INVALID_VALUE_EFFECT,
      describeType: readEnv.describeType,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function cell(text) {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** The markdown table: variable, default, description, what an invalid value does. */
export function renderTable({ vars, invalidEffect, describeType }) {
  const rows = ['| Variable | Default | Description | Invalid value |', '| --- | --- | --- | --- |'];
  for (const spec of vars) {
    const effect = invalidEffect[spec.scope];
    if (effect === undefined)
      throw new Error(`no invalid-value effect for scope ${spec.scope} (${spec.name})`);
    const fallback = spec.default === undefined ? 'none' : `\`${spec.default}\``;
    const invalid = `Expected ${describeType(spec.type)}; otherwise ${effect}${spec.sensitive ? ' (the value is never printed)' : ''}.`;
    rows.push(`| \`${spec.name}\` | ${cell(fallback)} | ${cell(spec.description)} | ${cell(invalid)} |`);
  }
  return `${rows.join('\n')}\n`;
}

/** README text with `table` between the markers; throws when the markers are missing or out of order. */
export function replaceTable(readme, table) {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start)
    throw new Error(`README.md needs ${START_MARKER} followed by ${END_MARKER}`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${table}${readme.slice(end)}`;
}

async function main(argv) {
  const check = argv.includes('--check');
  const readmeAt = argv.indexOf('--readme');
  const readmePath = readmeAt === -1 ? join(ROOT, 'README.md') : resolve(argv[readmeAt + 1] ?? '');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = replaceTable(readme, renderTable(await loadTable()));
  if (check) {
    if (updated !== readme) {
      process.stderr.write(
        `${relative(process.cwd(), readmePath)}: the configuration table differs from envTable.ts; run pnpm docs:config\n`,
      );
      return 1;
    }
    process.stdout.write('README configuration table is up to date\n');
    return 0;
  }
  if (updated !== readme) writeFileSync(readmePath, updated);
  process.stdout.write(`${relative(process.cwd(), readmePath)}: configuration table written\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`gen-config-docs: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
