import { openRelayStore, parseStoreLocation } from '../../relay/store/open-store.js';
import { hashToken, newDeviceToken } from '../../relay/tokens.js';

const PARALLEL = 64;

/**
 * One device per branch (named `bench-BRANCH`), added straight through the store in parallel batches:
 * a `relay device add` per device would take minutes for thousands. Resolves to the tokens, in the
 * order of `branchIds`. `store` is a data directory or a postgres:// URL.
 */
export async function addDevicePerBranch(store: string, branchIds: readonly number[]): Promise<string[]> {
  const opened = await openRelayStore(parseStoreLocation(store), { poolSize: 16 });
  try {
    const createdAt = new Date().toISOString();
    const tokens: string[] = [];
    for (let start = 0; start < branchIds.length; start += PARALLEL) {
      const batch = branchIds.slice(start, start + PARALLEL).map(async (branchId) => {
        const token = newDeviceToken();
        await opened.addDevice(`bench-${branchId}`, hashToken(token), [branchId], createdAt);
        return token;
      });
      tokens.push(...(await Promise.all(batch)));
    }
    return tokens;
  } finally {
    await opened.close();
  }
}
