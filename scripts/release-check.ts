import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { updateFeedProblem } from '../main/app/update-feed-url.js';
import { ed25519PublicKey, sha512Of, signUpdate, updateSignatureProblem } from '../main/app/update-signature.js';

// What a release build needs before it may start (scripts/release.ts), and the signing of the Linux
// feed after it. Each problem names the variable to set: the reader is an integrator's build machine.

export type ReleasePlatform = 'win' | 'linux';

export const RELEASE_ENV = {
  feed: 'KITCHEN_BRIDGE_UPDATE_URL',
  publisher: 'KITCHEN_BRIDGE_PUBLISHER_NAME',
  publicKey: 'KITCHEN_BRIDGE_UPDATE_PUBLIC_KEY',
  signingKey: 'KITCHEN_BRIDGE_UPDATE_SIGNING_KEY',
} as const;

const readable = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Every reason this environment cannot make a release for `platform`; empty when it can. */
export function releaseProblems(env: NodeJS.ProcessEnv, platform: ReleasePlatform, read: (path: string) => string | null = readable): string[] {
  const problems: string[] = [];
  const feed = updateFeedProblem(env[RELEASE_ENV.feed], RELEASE_ENV.feed);
  if (feed) problems.push(feed);
  if (platform === 'win') {
    if (!env[RELEASE_ENV.publisher]?.trim()) problems.push(`${RELEASE_ENV.publisher} is not set: give the publisher name exactly as in your code-signing certificate`);
    if (!env.CSC_LINK && !env.WIN_CSC_LINK) problems.push('CSC_LINK (or WIN_CSC_LINK) is not set: give the code-signing certificate (.pfx) and its password in CSC_KEY_PASSWORD');
    return problems;
  }
  const publicPath = env[RELEASE_ENV.publicKey];
  const signingPath = env[RELEASE_ENV.signingKey];
  if (!publicPath || !signingPath) {
    problems.push(`${RELEASE_ENV.publicKey} and ${RELEASE_ENV.signingKey} must name the Ed25519 public and private key files that sign Linux updates (openssl genpkey -algorithm ed25519)`);
    return problems;
  }
  const publicPem = read(publicPath);
  const signingPem = read(signingPath);
  if (publicPem === null) problems.push(`${RELEASE_ENV.publicKey}: cannot read ${publicPath}`);
  if (signingPem === null) problems.push(`${RELEASE_ENV.signingKey}: cannot read ${signingPath}`);
  if (publicPem === null || signingPem === null) return problems;
  const key = ed25519PublicKey(publicPem);
  if (typeof key === 'string') return [...problems, `${RELEASE_ENV.publicKey}: ${key}`];
  try {
    signUpdate('0.0.0', 'check', signingPem);
  } catch {
    return [...problems, `${RELEASE_ENV.signingKey}: ${signingPath} is not an Ed25519 private key`];
  }
  return problems;
}

type FeedFile = { url: string; sha512: string; signature?: string };

/**
 * Adds to every file of each latest-linux*.yml in `releaseDir` the release key's signature over its
 * version and sha512, after checking that the sha512 is the file's own; then checks each signature as
 * the app will (main/app/update-signature.ts).
 */
export async function signLinuxFeeds(releaseDir: string, signingPem: string, publicPem: string): Promise<string[]> {
  const feeds = readdirSync(releaseDir).filter((name) => /^latest-linux.*\.yml$/.test(name));
  if (feeds.length === 0) throw new Error(`no latest-linux*.yml in ${releaseDir}: did electron-builder build for Linux?`);
  for (const name of feeds) {
    const feed = parse(readFileSync(join(releaseDir, name), 'utf8')) as { version: string; files: FeedFile[] };
    for (const file of feed.files) {
      const path = join(releaseDir, file.url);
      const sha512 = await sha512Of(path);
      if (sha512 !== file.sha512) throw new Error(`${name}: ${file.url} does not have the sha512 the feed lists`);
      file.signature = signUpdate(feed.version, sha512, signingPem);
      const problem = await updateSignatureProblem({ version: feed.version, downloadedFile: path, files: [file] }, publicPem);
      if (problem) throw new Error(`${name}: ${file.url}: ${problem}`);
    }
    writeFileSync(join(releaseDir, name), stringify(feed));
  }
  return feeds;
}
