// Readings from /proc: a process's CPU time and RSS, and one CPU's busy time (to see other load on it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks;
/** Clock ticks per second of the utime/stime fields (USER_HZ, 100 on Linux). */
export function clockTicksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime of a process, in microseconds. */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / clockTicksPerSecond();
}

/** VmRSS of a process, in bytes. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/**
 * Time of one CPU since boot, in microseconds (from /proc/stat): busy = everything but idle and iowait
 * (a process's utime + stime can include interrupt and steal time, so they count as busy too), steal,
 * and total.
 */
export function cpuTimes(cpu) {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${cpu} `));
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const toMicros = (ticks) => (ticks * 1e6) / clockTicksPerSecond();
  return {
    busy: toMicros(user + nice + system + irq + softirq + steal),
    steal: toMicros(steal),
    total: toMicros(user + nice + system + idle + iowait + irq + softirq + steal),
  };
}
