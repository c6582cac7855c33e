#!/usr/bin/env node
// Writes the README configuration table from the tables of environment variables of the packages
// (packages/node/src/config/envTable.ts, then what packages/winston/src/config/envTable.ts adds), between
// the config-table markers; nothing else in README.md is touched. A variable both packages read is one
// row, described as @signalkit/node's table says; the Package column says who reads it.
// `--check` changes nothing and exits 1 when the README is out of date.
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
/** The packages whose variables the table lists, in the order of the rows. */
const PACKAGES = [
  { name: 'node', configDir: join(ROOT, 'packages/node/src/config') },
  { name: 'winston', configDir: join(ROOT, 'packages/winston/src/config') },
];
export const START_MARKER = '<!-- config-table:start -->';
export const END_MARKER = '<!-- config-table:end -->';

/** Transpiles `entries` and the relative modules they import into `outDir`, keeping the layout (from ROOT). */
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
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
    // Follow the relative imports that survive type erasure (`./x.js` names `./x.ts` in the sources).
    for (const { fileName } of ts.preProcessFile(outputText, true, false).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      pending.push(resolve(dirname(file), fileName.replace(/\.js$/, '.ts')));
    }
  }
}

/**
 * Each package's variables and what an invalid value does, with the words for a type (node's readEnv.ts),
 * from the TypeScript sources.
 */
export async function loadTables() {
  // Inside a package, so any package a config module imports would resolve as in the build.
  const cache = join(ROOT, 'packages/node/node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'config-docs-'));
  const compiled = (file) => pathToFileURL(join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js')).href;
  try {
    writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
    const [node] = PACKAGES;
    const readEnvFile = join(node.configDir, 'readEnv.ts');
    const tableFiles = PACKAGES.map(({ configDir }) => join(configDir, 'envTable.ts'));
    transpileGraph([...tableFiles, readEnvFile], outDir);
    const packages = [];
    for (const [i, { name }] of PACKAGES.entries()) {
      const table = await import(compiled(tableFiles[i]));
      packages.push({ name, vars: table.ENV_VARS, invalidEffect: table.INVALID_VALUE_EFFECT });
    }
    const { describeType } = await import(compiled(readEnvFile));
    return { packages, describeType };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

function cell(text) {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/**
 * One row per variable, in the packages' order: the first package that reads it describes it. The same
 * variable in two tables must agree on its type, default and sensitivity (it is one value in the process).
 */
export function mergeTables(packages) {
  const rows = new Map();
  for (const { name, vars, invalidEffect } of packages) {
    for (const spec of vars) {
      const effect = invalidEffect[spec.scope];
      if (effect === undefined)
        throw new Error(`no invalid-value effect for scope ${spec.scope} (${spec.name})`);
      const row = rows.get(spec.name);
      if (row === undefined) {
        rows.set(spec.name, { spec, effect, packages: [name] });
        continue;
      }
      const same = (s) => JSON.stringify([s.type, s.default, s.sensitive === true]);
      if (same(row.spec) !== same(spec))
        throw new Error(
          `${spec.name}: ${name}'s table disagrees with ${row.packages[0]}'s (type, default or sensitivity)`,
        );
      row.packages.push(name);
    }
  }
  return [...rows.values()];
}

/** The markdown table: variable, default, description, what an invalid value does, which packages read it. */
export function renderTable({ packages, describeType }) {
  const rows = [
    '| Variable | Default | Description | Invalid value | Package |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const { spec, effect, packages: readBy } of mergeTables(packages)) {
    const fallback = spec.default === undefined ? 'none' : `\`${spec.default}\``;
    const invalid = `Expected ${describeType(spec.type)}; otherwise ${effect}${spec.sensitive ? ' (the value is never printed)' : ''}.`;
    rows.push(
      `| \`${spec.name}\` | ${cell(fallback)} | ${cell(spec.description)} | ${cell(invalid)} | ${readBy.join(', ')} |`,
    );
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
  const updated = replaceTable(readme, renderTable(await loadTables()));
  if (check) {
    if (updated !== readme) {
      process.stderr.write(
        `${relative(process.cwd(), readmePath)}: the configuration table differs from the envTable.ts files; run pnpm docs:config\n`,
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
