import { readFileSync } from 'node:fs';

/** A process's resident memory in bytes (VmRSS of /proc/PID/status): what it really holds, shared pages included. */
export function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`VmRSS not found for process ${pid}`);
  return Number(kb) * 1024;
}
