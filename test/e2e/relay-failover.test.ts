import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createVirtualPrinter, type VirtualPrinter } from '../../dev/virtual-printer/virtual-printer.js';
import { startBridge, type Bridge } from '../../main/core/bridge.js';
import { systemClock, systemRandom } from '../../ground/clock.js';
import { parseConfig } from '../../main/core/config.js';
import { addDevice, listDevices } from '../../relay/admin.js';
import { readKlikitFixture } from '../helpers/fixtures.js';
import { postgresPerFile } from '../helpers/postgres-cluster.js';
import { waitFor, waitForPrinted } from '../helpers/wait.js';
import { postWebhook, startRelayChild, type RelayChild } from '../integration/relay/helpers.js';
import { newTicketsPerOrder, WEBHOOK_SECRET, type OrderRef } from './stack.js';

// Two relay nodes on one PostgreSQL store behind the bridge's relay.urls. The node the bridge is on is
// killed with SIGKILL while webhooks keep arriving; klikit retries what went unanswered at the other
// node, as it retries any webhook not answered 2xx.

const ORDERS = 40;
const KILL_AFTER_PRINTED = 10;
const IN_FLIGHT = 5;
const silent = pino({ level: 'silent' });
const fixture = readKlikitFixture('created-v2.single-order.envelope.json') as { branch_id: number; orders: Array<Record<string, unknown>> };
const BRANCH = fixture.branch_id;

function orderEnvelope(n: number): { order: OrderRef; body: string } {
  const order = { id: 90_000_000 + n, external_id: `FAILOVER-${n}` };
  // Placed now: an order created long before it reaches the bridge goes to Problems, not the printer.
  const now = new Date().toISOString();
  const body = JSON.stringify({ ...fixture, orders: [{ ...fixture.orders[0], ...order, short_id: `F${n}`, created_at: now, updated_at: now }] });
  return { order, body };
}

describe('relay failover between nodes of one PostgreSQL store (e2e)', () => {
  const cluster = postgresPerFile();
  const nodes: RelayChild[] = [];
  let bridge: Bridge | undefined;
  let printer: VirtualPrinter | undefined;
  const root = mkdtempSync(join(tmpdir(), 'relay-failover-'));

  afterEach(async () => {
    await bridge?.stop();
    await printer?.stop();
    for (const node of nodes.splice(0)) {
      node.child.kill('SIGKILL');
      await node.exited;
    }
  });
  afterAll(async () => {
    rmSync(root, { recursive: true, force: true });
  });

  it('loses nothing answered 200 and prints nothing twice when the bridge’s node is SIGKILLed mid-stream', async () => {
    const store = await cluster.createDatabase();
    const [a, b] = await Promise.all([startRelayChild(store, { secretEnv: WEBHOOK_SECRET }), startRelayChild(store, { secretEnv: WEBHOOK_SECRET })]);
    nodes.push(a!, b!);
    const { token } = await addDevice(store, 'counter', [BRANCH]);
    printer = await createVirtualPrinter();
    const parsed = parseConfig({
      relay: { urls: [`ws://127.0.0.1:${a!.port}/v1/bridge`, `ws://127.0.0.1:${b!.port}/v1/bridge`], token },
      printers: [{ id: 'kitchen', name: 'Kitchen', type: 'epson', interface: printer.url, width: 48, render: 'text' }],
      dataDir: join(root, 'bridge'),
      timing: { pingIntervalMs: 500, deadAfterMs: 1500, reconnectBaseMs: 50, reconnectCapMs: 500 },
    });
    if (!parsed.ok) throw new Error(parsed.error);
    bridge = await startBridge(parsed.config, { clock: systemClock, random: systemRandom, logger: silent });
    await waitFor('the bridge on node A', () => a!.logs.some((l) => l.msg === 'bridge connected'));

    const orders: OrderRef[] = [];
    let killed = false;
    const nodeUrl = (node: RelayChild): string => `http://127.0.0.1:${node.port}`;
    const deliver = async (n: number): Promise<void> => {
      const { order, body } = orderEnvelope(n);
      orders.push(order);
      const eventId = `evt-failover-${n}`;
      // Alternating between the nodes; a webhook A never answered is retried at B, like klikit would.
      const first = n % 2 === 1 && !killed ? a! : b!;
      const answered = await postWebhook(nodeUrl(first), body, { secret: WEBHOOK_SECRET, eventId }).catch(() => undefined);
      if (answered?.status === 200) return;
      expect(first).toBe(a);
      const retried = await postWebhook(nodeUrl(b!), body, { secret: WEBHOOK_SECRET, eventId });
      expect(retried.status).toBe(200);
    };
    // Paced by the printer (at most IN_FLIGHT orders ahead of it), so the kill lands mid-stream.
    let sentAfterKill = 0;
    const sending = (async () => {
      for (let n = 1; n <= ORDERS; n++) {
        await waitForPrinted(printer!, Math.max(0, n - IN_FLIGHT), { idleMs: 30_000 });
        if (killed) sentAfterKill++;
        await deliver(n);
      }
    })();
    await waitForPrinted(printer, KILL_AFTER_PRINTED, { idleMs: 20_000 });
    a!.child.kill('SIGKILL');
    killed = true;
    await a!.exited;
    await sending;
    expect(sentAfterKill).toBeGreaterThan(ORDERS / 2);

    await waitFor('the bridge on node B', () => b!.logs.some((l) => l.msg === 'bridge connected'), { timeoutMs: 15_000 });
    await waitForPrinted(printer, ORDERS, { idleMs: 30_000 });
    // Settled: the bridge acked everything the store holds, so no further ticket can still be on its way.
    await waitFor('the bridge to have acked every event', async () => (await listDevices(store))[0]!.lag === 0, { timeoutMs: 15_000 });
    const counts = newTicketsPerOrder(printer.tickets(), orders);
    expect([...counts.values()].every((c) => c.plain === 1 && c.possibleDuplicate === 0)).toBe(true);
    expect(printer.tickets()).toHaveLength(ORDERS);
  }, 90_000);
});
