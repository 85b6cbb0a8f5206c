import { readFileSync } from 'node:fs';

// What /proc says about a process and the machine: the benches' one reading of resident memory and CPU time.

/** A process's resident memory in bytes (VmRSS of /proc/PID/status): what it really holds, shared pages included. */
export function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`VmRSS not found for process ${pid}`);
  return Number(kb) * 1024;
}

/** CPU time a process has used so far, user + system, in seconds (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The whole machine's CPU time so far, busy and all, summed over cores, in ticks (the first line of /proc/stat). */
export function machineCpuTicks(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = ticks[3]! + ticks[4]!;
  const total = ticks.reduce((sum, n) => sum + n, 0);
  return { busy: total - idle, total };
}
