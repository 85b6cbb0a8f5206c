import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFileName } from '../../../common/instance-lock.js';
import { PASSWORD_ROLE } from '../../helpers/postgres-cluster.js';
import { waitFor } from '../../helpers/wait.js';
import { envelopeText, postWebhook, storeArgs, type RelayChild, runRelayCli as runCli, SECRET, spawnRelayChild, startRelayChild, STORE_KINDS, tempDir, TestBridge, type TestStore, testStores } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILD = join(ROOT, 'scripts/build.mjs');

describe.each(STORE_KINDS)('relay as a child process (%s store)', (kind) => {
  const stores = testStores();
  let data: TestStore;
  const children: RelayChild[] = [];
  const bridges: TestBridge[] = [];

  const passDir = tempDir();
  afterAll(() => passDir.remove());
  beforeEach(async () => {
    data = await stores.create(kind);
  });
  afterEach(async () => {
    for (const bridge of bridges.splice(0)) bridge.stop();
    for (const { child, exited } of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    data.remove();
  });

  it('device add prints the token as its last line; list never shows it', () => {
    const added = runCli(['device', 'add', ...storeArgs(data.location), '--name', 'counter', '--branch', '7', '--branch', '9']);
    expect(added.status).toBe(0);
    const token = added.stdout.trimEnd().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(runCli(['device', 'revoke', ...storeArgs(data.location), '--name', 'counter']).status).toBe(0);
    const listed = runCli(['device', 'list', ...storeArgs(data.location)]).stdout;
    expect(listed).toMatch(/counter\tbranches=7,9\tREVOKED\tlast_seen=never\tcursor=0/);
    expect(listed).not.toContain(token);
    expect(runCli(['device', 'add', ...storeArgs(data.location), '--name', 'x']).status).toBe(2);
  });

  it('keeps an answered webhook through SIGKILL: a client with after=0 receives it after a restart', async () => {
    const added = runCli(['device', 'add', ...storeArgs(data.location), '--name', 'counter', '--branch', '7']);
    const token = added.stdout.trimEnd().split('\n').at(-1)!;
    const first = await startRelayChild(data.location);
    children.push(first);
    const res = await postWebhook(`http://127.0.0.1:${first.port}`, envelopeText(7, 4242), { eventId: 'evt-durable' });
    expect(res).toEqual({ status: 200, json: { status: 'received' } });
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startRelayChild(data.location);
    children.push(second);
    const bridge = new TestBridge(`ws://127.0.0.1:${second.port}/v1/bridge`, token);
    bridges.push(bridge);
    await bridge.opened;
    bridge.hello(0);
    const [event] = await waitFor('the event after restart', () => (bridge.events.length > 0 ? bridge.events : undefined));
    expect(event).toMatchObject({ seq: 1, event_id: 'evt-durable', body: { branch_id: 7 } });
  });

  it('warns about and strips a trailing newline in KLIKIT_WEBHOOK_SECRET, then shuts down on SIGTERM with code 0', async () => {
    const relay = await startRelayChild(data.location, { secretEnv: `${SECRET}\n` });
    children.push(relay);
    expect(relay.logs.some((l) => String(l.msg).includes('newline'))).toBe(true);
    expect(relay.logs.map((l) => JSON.stringify(l)).join('\n')).not.toContain(SECRET);
    expect((await postWebhook(`http://127.0.0.1:${relay.port}`, envelopeText(7, 1))).status).toBe(200);
    relay.child.kill('SIGTERM');
    expect(await relay.exited).toBe(0);
  });

  it('stops with code 0 on a SIGTERM sent while it is still starting, and releases its store', async () => {
    // The secret's newline warning is its first log line, written before the store is opened.
    const spawned = spawnRelayChild(data.location, { secretEnv: `${SECRET}\n` });
    children.push({ ...spawned, port: 0 });
    await waitFor('the first log line', () => spawned.logs.length > 0);
    spawned.child.kill('SIGTERM');
    expect(await spawned.exited).toBe(0);
    expect(spawned.logs.map((l) => l.msg)).toContain('relay stopped');
    const next = await startRelayChild(data.location);
    children.push(next);
    expect((await postWebhook(`http://127.0.0.1:${next.port}`, envelopeText(7, 1))).status).toBe(200);
  });

  it.runIf(kind === 'postgres')('takes the PostgreSQL password from PGPASSWORD or RELAY_STORE_PASSWORD_FILE, and warns when it is in --store', () => {
    const bare = new URL(data.location);
    bare.username = PASSWORD_ROLE.name;
    // Neither the test runner's own PGPASSWORD nor its ~/.pgpass.
    const isolated = { PGPASSFILE: join(passDir.dir, 'none'), PGPASSWORD: undefined };
    const list = (url: string, env: NodeJS.ProcessEnv) => runCli(['device', 'list', '--store', url], { ...isolated, ...env });

    expect(list(bare.toString(), {}).status).toBe(1);
    const fromEnv = list(bare.toString(), { PGPASSWORD: PASSWORD_ROLE.password });
    expect([fromEnv.status, fromEnv.stdout, fromEnv.stderr]).toEqual([0, 'no devices\n', '']);
    const passwordFile = join(passDir.dir, 'store-password');
    writeFileSync(passwordFile, `${PASSWORD_ROLE.password}\n`, { mode: 0o600 });
    const fromFile = list(bare.toString(), { RELAY_STORE_PASSWORD_FILE: passwordFile });
    expect([fromFile.status, fromFile.stdout, fromFile.stderr]).toEqual([0, 'no devices\n', '']);
    const missingFile = list(bare.toString(), { RELAY_STORE_PASSWORD_FILE: join(passDir.dir, 'absent') });
    expect(missingFile.status).toBe(2);
    expect(missingFile.stderr).toContain(`relay: RELAY_STORE_PASSWORD_FILE: cannot read ${join(passDir.dir, 'absent')}`);

    const inArgs = new URL(bare);
    inArgs.password = PASSWORD_ROLE.password;
    const warned = list(inArgs.toString(), {});
    expect(warned.status).toBe(0);
    expect(warned.stderr).toContain('relay: warning: the password in --store is visible to every user of this machine in the process list');
    expect(warned.stderr).not.toContain(PASSWORD_ROLE.password);
    const fromRelayStore = runCli(['device', 'list'], { ...isolated, RELAY_STORE: inArgs.toString() });
    expect([fromRelayStore.status, fromRelayStore.stderr]).toEqual([0, '']);
  }, 90_000);

  it('refuses a --trusted-proxy that is not an address or a CIDR range, naming it', () => {
    const refused = runCli(['serve', '--port', '0', ...storeArgs(data.location), '--trusted-proxy', '10.0.0.0/8', '--trusted-proxy', 'proxy.local']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('relay: --trusted-proxy: not an IP address or CIDR range: "proxy.local"');
  });

  it('refuses tombstones that would go before the events they dedupe, naming both flags', () => {
    const refused = runCli(['serve', '--port', '0', ...storeArgs(data.location), '--cursor-expiry-days', '120', '--tombstone-days', '90']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('relay: --tombstone-days must be a number no smaller than --cursor-expiry-days');
  });

  it.runIf(kind === 'sqlite')('refuses a second serve on the same data directory: exit 3 naming the running one', async () => {
    const first = await startRelayChild(data.location);
    children.push(first);
    const second = runCli(['serve', '--port', '0', ...storeArgs(data.location)]);
    expect(second.status).toBe(3);
    expect(second.stderr).toContain(`relay: another relay (pid ${first.child.pid}) is running on ${data.location}; stop it first`);
    expect((await postWebhook(`http://127.0.0.1:${first.port}`, envelopeText(7, 1))).status).toBe(200);
  });

  it.runIf(kind === 'sqlite')('serves again right after a SIGKILL, even when the pid its lock file names now belongs to a live process', async () => {
    const first = await startRelayChild(data.location);
    children.push(first);
    first.child.kill('SIGKILL');
    await first.exited;
    const again = await startRelayChild(data.location);
    children.push(again);
    expect((await postWebhook(`http://127.0.0.1:${again.port}`, envelopeText(7, 1))).status).toBe(200);
    again.child.kill('SIGKILL');
    await again.exited;

    const pidFile = join(data.location, lockFileName('relay'));
    const left = readFileSync(pidFile, 'utf8');
    expect(left).toMatch(new RegExp(`^${again.child.pid} `));
    const reused = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(pidFile, left.replace(String(again.child.pid), String(reused.pid)));
      const third = await startRelayChild(data.location);
      children.push(third);
      expect((await postWebhook(`http://127.0.0.1:${third.port}`, envelopeText(7, 2))).status).toBe(200);
      expect(readFileSync(pidFile, 'utf8')).toMatch(new RegExp(`^${third.child.pid} `));
    } finally {
      reused.kill('SIGKILL');
    }
  });

  it.runIf(kind === 'postgres')('runs a second serve on the same database beside the first: nodes share one log', async () => {
    const added = runCli(['device', 'add', ...storeArgs(data.location), '--name', 'counter', '--branch', '7']);
    const token = added.stdout.trimEnd().split('\n').at(-1)!;
    const [a, b] = await Promise.all([startRelayChild(data.location), startRelayChild(data.location)]);
    children.push(a!, b!);
    const bridge = new TestBridge(`ws://127.0.0.1:${b!.port}/v1/bridge`, token);
    bridges.push(bridge);
    await bridge.opened;
    bridge.hello(0);
    expect((await postWebhook(`http://127.0.0.1:${a!.port}`, envelopeText(7, 1), { eventId: 'evt-via-a' })).status).toBe(200);
    const [event] = await waitFor('the event posted to node A at the bridge on node B', () => (bridge.events.length > 0 ? bridge.events : undefined));
    expect(event).toMatchObject({ seq: 1, event_id: 'evt-via-a' });
  });

  it('runs as the bundle npm run relay builds, under plain node', async () => {
    // Inside the repository: the bundle finds its native and external packages in node_modules from there.
    const outdir = fileURLToPath(new URL(`../../../dist/relay-test-${process.pid}`, import.meta.url));
    try {
      execFileSync(process.execPath, [BUILD, 'relay', '--outdir', outdir]);
      const relay = await startRelayChild(data.location, { bundle: join(outdir, 'relay/cli.js') });
      children.push(relay);
      expect(await postWebhook(`http://127.0.0.1:${relay.port}`, envelopeText(7, 1))).toEqual({ status: 200, json: { status: 'received' } });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it.runIf(kind === 'sqlite')('runs as the bundle where node-postgres is not installed: a SQLite relay never loads it', async () => {
    // The project's node_modules but for pg and its own packages (pg-pool, pg-protocol, pgpass, …).
    const root = tempDir();
    try {
      const modules = join(root.dir, 'node_modules');
      mkdirSync(modules);
      for (const name of readdirSync(join(ROOT, 'node_modules')).filter((entry) => !/^pg/.test(entry))) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
      writeFileSync(join(root.dir, 'package.json'), JSON.stringify({ type: 'module' }));
      execFileSync(process.execPath, [BUILD, 'relay', '--outdir', join(root.dir, 'dist')]);
      const relay = await startRelayChild(data.location, { bundle: join(root.dir, 'dist/relay/cli.js') });
      children.push(relay);
      expect(await postWebhook(`http://127.0.0.1:${relay.port}`, envelopeText(7, 1))).toEqual({ status: 200, json: { status: 'received' } });
    } finally {
      root.remove();
    }
  });
});
