import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
import { waitFor } from './wait.js';

export type PostgresCluster = {
  /** URL of a fresh, empty database of its own. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
  /** The postmaster's process id (benches read the cluster's CPU time from /proc). */
  pid(): number;
};

const USER = 'relay';
/**
 * A superuser every cluster also has that must give a password over TCP (scram-sha-256), for tests of
 * how the relay is given one: a URL naming it on any database of the cluster asks for this password.
 */
export const PASSWORD_ROLE = { name: 'relay_pw', password: 'throwaway-pw' } as const;

/** The newest Debian cluster binaries (`/usr/lib/postgresql/N/bin`), else whatever `initdb` is on PATH. */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    if (initdb) return initdb.slice(0, initdb.lastIndexOf('/'));
  } catch {
    // Falls through to the error that names the package.
  }
  throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: install the Debian package `postgresql` (.ci/run does)');
}

/** initdb and postgres refuse to run as root: as root, run them as nobody:nogroup. */
function unprivilegedIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string, name: string): number => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).split(':')[2]);
  return { uid: id('-u', 'nobody'), gid: Number.isInteger(gid) ? gid : id('-g', 'nobody') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function run(binary: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${binary} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`))));
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A throwaway PostgreSQL cluster of the test's own: initdb into a temp directory, listening on a free
 * port on 127.0.0.1 only (its socket in that directory), trust auth for user `relay` (a password for
 * PASSWORD_ROLE). Never Debian's
 * cluster on 5432. fsync is off unless asked for (benches), for test speed.
 */
export async function startPostgresCluster(options: { fsync?: boolean } = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const ids = unprivilegedIds();
  const dir = mkdtempSync(join(tmpdir(), 'relay-pg-'));
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  await run(join(bin, 'initdb'), ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], ids);
  // The first matching line wins: the password role's comes before initdb's trust lines.
  const hba = join(data, 'pg_hba.conf');
  writeFileSync(hba, `host all ${PASSWORD_ROLE.name} 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
  const port = await freePort();
  const settings = [
    '-c listen_addresses=127.0.0.1', `-c port=${port}`, `-c unix_socket_directories=${dir}`,
    `-c fsync=${options.fsync ? 'on' : 'off'}`,
  ];
  await run(join(bin, 'pg_ctl'), ['start', '-W', '-D', data, '-l', log, '-o', settings.join(' ')], ids);
  const url = (database: string): string => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  const stop = async (): Promise<void> => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) await run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], ids);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    await waitFor('the throwaway PostgreSQL to accept connections', () => canConnect(url('postgres')), { timeoutMs: 30_000, intervalMs: 50 });
  } catch (err) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no log)';
    await stop().catch(() => undefined);
    throw new Error(`${(err as Error).message}\npostgres log:\n${tail}`, { cause: err });
  }
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${PASSWORD_ROLE.name} LOGIN SUPERUSER PASSWORD '${PASSWORD_ROLE.password}'`);
  } finally {
    await admin.end();
  }
  return {
    async createDatabase() {
      const name = `relay_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
    pid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
  };
}

/**
 * The test file's cluster: started on the first `createDatabase()` (so a file whose PostgreSQL tests
 * are filtered out starts none) and stopped after the file.
 */
export function postgresPerFile(): Pick<PostgresCluster, 'createDatabase'> {
  let cluster: Promise<PostgresCluster> | undefined;
  afterAll(async () => {
    if (cluster) await (await cluster).stop();
  });
  return { createDatabase: async () => (await (cluster ??= startPostgresCluster())).createDatabase() };
}

/** Runs `work` on a client of its own connected to `url`, and ends the client whatever happens. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
