export const MAX_MAJORS_BEHIND: number;
export type RegistryAnswer = { ok: true; version: string } | { ok: false; error: string };
export function electronCurrencyVerdict(pinnedVersion: string, latest: RegistryAnswer): { ok: boolean; message: string };
export function pinnedElectronVersion(root: string): string;
type ExecFileLike = (
  file: string,
  args: string[],
  options: { timeout: number; shell: boolean },
  callback: (err: Error | null, stdout: string, stderr: string) => void,
) => unknown;
export function askRegistry(run?: ExecFileLike, timeoutMs?: number): Promise<RegistryAnswer>;
