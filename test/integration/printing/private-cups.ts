import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../helpers/wait.js';
import { closedPort } from './helpers.js';

/** Whether Debian's CUPS (cups, cups-client, cups-bsd) is installed; CI installs it (see .ci/run). */
export const hasCups = spawnSync('sh', ['-c', 'command -v cupsd && command -v lp && command -v lpadmin && command -v lpstat'], { stdio: 'ignore' }).status === 0;

export type PrivateCups = {
  /** host:port, for `cups://QUEUE?server=` and `lp -h`. */
  server: string;
  addRawQueue(name: string, deviceUri: string): void;
  run(command: string, ...args: string[]): string;
  stop(): Promise<void>;
};

/**
 * A CUPS scheduler of the test's own: its configuration, spool, state and logs in `dir`, listening on
 * a free port on 127.0.0.1 only, in the foreground so that it dies with its process. Never the system's.
 */
export async function startPrivateCups(dir: string): Promise<PrivateCups> {
  for (const sub of ['spool', 'tmp', 'cache', 'state', 'log']) mkdirSync(join(dir, sub), { recursive: true });
  const port = await closedPort();
  const server = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'cupsd.conf'),
    [
      `Listen ${server}`, 'LogLevel warn', 'Browsing Off', 'WebInterface No', 'DefaultAuthType None',
      '<Location />', '  Order allow,deny', '  Allow all', '</Location>',
      '<Policy default>', '  <Limit All>', '    Order allow,deny', '    Allow all', '  </Limit>', '</Policy>', '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`, `RequestRoot ${join(dir, 'spool')}`, `TempDir ${join(dir, 'tmp')}`, `CacheDir ${join(dir, 'cache')}`,
      `StateDir ${join(dir, 'state')}`, `AccessLog ${join(dir, 'log/access_log')}`, `ErrorLog ${join(dir, 'log/error_log')}`,
      `PageLog ${join(dir, 'log/page_log')}`, `Printcap ${join(dir, 'printcap')}`, '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('cupsd', ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], { stdio: 'ignore' });
  const run = (command: string, ...args: string[]): string => {
    const ran = spawnSync(command, ['-h', server, ...args], { encoding: 'utf8', timeout: 10_000 });
    if (ran.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${ran.stderr || ran.error?.message}`);
    return ran.stdout;
  };
  await waitFor('the private cupsd to answer', () => child.exitCode !== null || run('lpstat', '-r').includes('is running'), { timeoutMs: 10_000 });
  if (child.exitCode !== null) throw new Error(`cupsd exited with ${child.exitCode}; see ${join(dir, 'log/error_log')}`);
  return {
    server,
    addRawQueue: (name, deviceUri) => void run('lpadmin', '-p', name, '-E', '-v', deviceUri),
    run,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
