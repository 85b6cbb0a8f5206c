import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStack, newTicketsPerOrder, type Stack } from './stack.js';
import { seededRandom } from '../../dev/simulator/prng.js';
import type { SimOrder } from '../../dev/simulator/order-generator.js';
import { waitWhileProgressing } from '../helpers/wait.js';

// The bridge as a real child process, killed with SIGKILL at random points while orders flow, then
// restarted on the same data directory: every order must be printed, and never twice without the
// POSSIBLE DUPLICATE banner.

const CLI = fileURLToPath(new URL('../../main/core/cli.ts', import.meta.url));
const ORDERS = 150;
const ROUNDS = 5;

let stack: Stack | undefined;
let child: ChildProcess | undefined;

function spawnBridge(configPath: string): ChildProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, '--config', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr!.resume();
  return proc;
}

function exited(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
}

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited(child);
  }
  child = undefined;
  await stack?.close();
  stack = undefined;
});

describe('bridge killed with SIGKILL while orders flow', () => {
  it('prints every order after restarts, none twice without the POSSIBLE DUPLICATE banner', async () => {
    stack = await startStack({ klikit: false, timing: { reconnectBaseMs: 50, reconnectCapMs: 200 } });
    const random = seededRandom(7);
    const orders: SimOrder[] = [];
    child = spawnBridge(stack.configPath);
    const perRound = ORDERS / ROUNDS;
    const progress = (): number[] => [orders.length, stack!.printer.tickets().length];
    for (let round = 0; round < ROUNDS; round++) {
      const sending = (async () => {
        for (let i = 0; i < perRound; i++) orders.push((await stack!.sim.scenarios.created()).order);
      })();
      const printed = stack.printer.tickets().length;
      const killAfter = printed + 1 + Math.floor(random() * (perRound - 1));
      // A restarted bridge first compiles and starts: the deadline moves with every order sent and ticket printed.
      await waitWhileProgressing(`${killAfter} tickets before kill ${round + 1}`, () => stack!.printer.tickets().length >= killAfter, progress, { idleMs: 20_000 });
      child.kill('SIGKILL');
      await exited(child);
      child = spawnBridge(stack.configPath);
      await sending;
    }
    await waitWhileProgressing(
      `all ${ORDERS} orders printed`,
      () => [...newTicketsPerOrder(stack!.printer.tickets(), orders).values()].every((c) => c.plain + c.possibleDuplicate >= 1),
      progress,
      { idleMs: 20_000 },
    );
    const counts = newTicketsPerOrder(stack.printer.tickets(), orders);
    expect(orders).toHaveLength(ORDERS);
    expect([...counts.entries()].filter(([, c]) => c.plain > 1)).toEqual([]);
    expect(stack.printer.tickets().every((t) => !/UPDATED|VOID|REPRINT/.test(t.text))).toBe(true);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    // A backstop only: the waits above fail on their own once nothing moves for 20 s; six bridge starts
    // (each compiling the core) take far longer than vitest's default on a loaded machine.
  }, 300_000);
});
