import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

// Where a bench puts its processes on the machine's cores. Left to the scheduler, the load generator,
// the receiver under test and a competing process land on whichever core is free at that moment, and
// each run measures a different placement: a latency figure then says more about the placement than
// about the receiver. Pinned, every receiver meets the same placement.

/** The cores (taskset lists) of the load generator and of the process it measures. */
export type CpuPlacement = { generator: string; receiver: string };

/**
 * The load generator on the first core, the receiver on the second; undefined on a one-core machine
 * or without taskset (util-linux), where everything stays where the scheduler puts it.
 */
export function twoCorePlacement(): CpuPlacement | undefined {
  if (availableParallelism() < 2) return undefined;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { generator: '0', receiver: '1' };
}

/** Pins every thread of a running process (and what it starts later) to `cpus`. */
export function pinProcess(pid: number, cpus: string): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' });
}

/** The command line that starts `command args` on `cpus` (or anywhere when `cpus` is undefined). */
export function onCpus(cpus: string | undefined, command: string, args: string[]): [string, string[]] {
  return cpus === undefined ? [command, args] : ['taskset', ['--cpu-list', cpus, command, ...args]];
}
