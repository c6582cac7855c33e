// Startup pairs: the app in STARTUP_PROBE mode (listen, one GET / to itself, print timings, exit),
// bare and variant alternately first, each a whole process on CPU 0, timed from spawn to exit.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort, SERVER_CPU, track } from './processes.mjs';
import { APPS, BENCH_DIR, childEnv, preloadArgs } from './variants.mjs';

/** One probe process: { wallMs, listenMs, firstResponseMs, cjsModules }. */
export async function probeOnce(app, variant, { otlpPort }) {
  const ports = { app: 0, metrics: await freePort(), otlp: otlpPort };
  const args = ['-c', SERVER_CPU, process.execPath, ...preloadArgs(variant), APPS[app].script];
  const started = process.hrtime.bigint();
  const child = track(
    spawn('taskset', args, {
      cwd: BENCH_DIR,
      env: childEnv(variant, ports, { STARTUP_PROBE: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code, signal] = await once(child, 'exit');
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  clearTimeout(timer);
  const line = stdout.split('\n').find((l) => l.startsWith('{"probe"'));
  if (code !== 0 || !line)
    throw new Error(
      `${app}/${variant} startup probe failed (exit ${code ?? signal}): ${stderr.slice(0, 2000)}`,
    );
  const { probe } = JSON.parse(line);
  if (probe.status !== 200) throw new Error(`${app}/${variant} startup probe got HTTP ${probe.status}`);
  return { app, variant, wallMs, ...probe, stderr: stderr.slice(0, 2000) };
}

/**
 * `pairs` pairs of [bare, variant] (order alternating), as records { pair, base, subject }.
 * `attempt(name, task)` wraps each probe (the harness retries once).
 */
export async function startupPairs(
  app,
  variant,
  { pairs, otlpPort, onRecord, attempt = (_name, task) => task() },
) {
  const records = [];
  const probe = (v) => attempt(`startup ${app}/${v}`, () => probeOnce(app, v, { otlpPort }));
  for (let i = 0; i < pairs; i++) {
    const bareFirst = i % 2 === 0;
    const first = await probe(bareFirst ? 'bare' : variant);
    const second = await probe(bareFirst ? variant : 'bare');
    const record = { pair: i, base: bareFirst ? first : second, subject: bareFirst ? second : first };
    records.push(record);
    onRecord?.(record);
  }
  return records;
}
