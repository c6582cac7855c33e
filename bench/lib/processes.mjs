// Child processes of the harness: the pinned server, the OTLP sink, wrk. Every child is started here
// and ended by its own pid.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { APPS, BENCH_DIR, childEnv, preloadArgs } from './variants.mjs';

/** The CPU the server runs on; wrk, the sink and the harness itself run on the other one. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

/** A port free right now (the kernel's pick); used for every listener so nothing collides with other work. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Children alive right now, so an interrupted run can end them (by pid) on its way out. */
const children = new Set();

/** Tracks `child` until it exits. */
export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Ends every child still running (SIGKILL); for an interrupted run. */
export function killChildren() {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

const OUTPUT_CAP = 64 * 1024;

function capture(stream) {
  const out = { text: '', truncated: false };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    if (out.text.length < OUTPUT_CAP) out.text += chunk;
    else out.truncated = true;
  });
  return out;
}

/** One GET; resolves { status, body, ms } or rejects. A new connection each time (agent: false). */
export function get(url, timeoutMillis = 5000) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { agent: false, timeout: timeoutMillis }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), ms });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHttp(url, child, timeoutMillis) {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before serving`);
    try {
      const { status } = await get(url, 1000);
      if (status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error(`did not answer ${url} within ${timeoutMillis} ms`);
}

/**
 * Starts `app` under `variant` on CPU 0 in a fresh process and waits until it answers.
 * Returns { pid, ports, stop(), stdout(), stderr(), exited }.
 */
export async function startServer(appName, variantName, { otlpPort, extraEnv = {}, nodeArgs = [] } = {}) {
  const ports = { app: await freePort(), metrics: await freePort(), otlp: otlpPort ?? 4318 };
  const args = [
    '-c',
    SERVER_CPU,
    process.execPath,
    ...nodeArgs,
    ...preloadArgs(variantName),
    APPS[appName].script,
  ];
  const child = track(
    spawn('taskset', args, {
      cwd: BENCH_DIR,
      env: childEnv(variantName, ports, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  const exited = once(child, 'exit');
  const stop = async (signal = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  try {
    await waitForHttp(`http://127.0.0.1:${ports.app}${APPS[appName].path}`, child, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${appName}/${variantName} ${error.message}; stderr: ${stderr.text.slice(0, 2000)}`);
  }
  return {
    pid: child.pid,
    ports,
    child,
    stop,
    exited,
    stdout: () => stdout.text,
    stderr: () => stderr.text,
  };
}

/** Starts the OTLP sink on CPU 1; returns { port, stats(), stop() }. */
export async function startSink() {
  const port = await freePort();
  const child = track(
    spawn('taskset', ['-c', LOAD_CPU, process.execPath, 'lib/sink.mjs', String(port)], {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const exited = once(child, 'exit');
  await waitForHttp(`http://127.0.0.1:${port}/stats`, child, 10_000);
  return {
    port,
    async stats() {
      return JSON.parse((await get(`http://127.0.0.1:${port}/stats`)).body);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs wrk on CPU 1 (-t1 -c50 --latency) for `seconds`; resolves its summary (see wrk-report.lua). */
export async function runWrk(url, seconds) {
  const child = track(
    spawn(
      'taskset',
      ['-c', LOAD_CPU, 'wrk', '-t1', '-c50', `-d${seconds}s`, '--latency', '-s', 'lib/wrk-report.lua', url],
      { cwd: BENCH_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const stdout = capture(child.stdout);
  const stderr = capture(child.stderr);
  const [code] = await once(child, 'exit');
  const line = stdout.text.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}): ${stderr.text}${stdout.text}`);
  return JSON.parse(line.slice('WRK_JSON '.length));
}

/** Pins the harness itself to the load CPU, so its own work never competes with the server. */
export async function pinSelf() {
  const child = spawn('taskset', ['-a', '-cp', LOAD_CPU, String(process.pid)], { stdio: 'ignore' });
  const [code] = await once(child, 'exit');
  return code === 0;
}

export { sleep };
