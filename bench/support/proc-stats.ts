import { readdirSync, readFileSync } from 'node:fs';

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

/**
 * CPU time of a process and all its children, in seconds: its own, its live children's, and what its
 * exited children used (cutime/cstime, counted once the process reaps them). Differences of two readings
 * give the tree's CPU in between, so a PostgreSQL cluster's backends are counted even after they exit.
 */
export function processTreeCpuSeconds(pid: number): number {
  const fields = (p: number | string): string[] => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const reaped = (): number => {
    const own = fields(pid);
    return Number(own[13]) + Number(own[14]);
  };
  for (;;) {
    // A child reaped during the scan would be missed (or, read late, counted twice): scan again then.
    const reapedBefore = reaped();
    const own = fields(pid);
    let ticks = Number(own[11]) + Number(own[12]) + reapedBefore;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const child = fields(entry);
        if (Number(child[1]) === pid) ticks += Number(child[11]) + Number(child[12]) + Number(child[13]) + Number(child[14]);
      } catch {
        // The process ended between the listing and the read.
      }
    }
    if (reaped() === reapedBefore) return ticks / 100;
  }
}

/** The whole machine's CPU time so far, busy and all, summed over cores, in ticks (the first line of /proc/stat). */
export function machineCpuTicks(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = ticks[3]! + ticks[4]!;
  const total = ticks.reduce((sum, n) => sum + n, 0);
  return { busy: total - idle, total };
}

/**
 * CPU time of a process's live threads so far, in seconds, to the nanosecond (the scheduler's own
 * account, /proc/PID/task/TID/schedstat), where cpuSeconds counts 10 ms ticks: a tick is 5 % of a
 * half-second sample. A thread that ended between two readings takes its time with it.
 */
export function threadRunSeconds(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ns / 1e9;
}
