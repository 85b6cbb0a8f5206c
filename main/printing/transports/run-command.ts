import { spawn } from 'node:child_process';

type Ran = { code: number | null; stdout: string; stderr: string; missing: boolean };

/** Runs a command with a deadline; a missing command is a value (`missing`), not an exception. */
export function runCommand(command: string, args: string[], timeoutMs: number, input?: Buffer): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // lp exits early on a refused job: a broken stdin pipe is then expected, its exit code says why.
    child.stdin.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr: err.message, missing: err.code === 'ENOENT' }));
    child.on('close', (code) => resolve({ code, stdout, stderr, missing: false }));
    child.stdin.end(input);
  });
}
