import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, Platform } from 'electron-builder';
import { parse } from 'yaml';
import { UPDATE_PUBLIC_KEY_FILE } from '../main/app/update-signature.js';
import { RELEASE_ENV, releaseProblems, signLinuxFeeds, type ReleasePlatform } from './release-check.js';

// `npm run release -- --win` / `--linux`: the installers an integrator ships, signed. It stops before
// building when the feed is not https or the signing configuration is missing (release-check.ts):
// Windows needs the code-signing certificate and the publisher name the updater checks; Linux needs
// the Ed25519 key pair whose public half goes into the app and whose private half signs the feed.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { win: { type: 'boolean' }, linux: { type: 'boolean' } } });
const platform: ReleasePlatform | null = values.win && !values.linux ? 'win' : values.linux && !values.win ? 'linux' : null;
if (!platform) {
  console.error('usage: npm run release -- --win | --linux');
  process.exit(2);
}

const problems = releaseProblems(process.env, platform);
if (problems.length > 0) {
  console.error(`Release build refused:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown>>;
if (platform === 'win') {
  const win = config.win ?? {};
  config.win = { ...win, signtoolOptions: { ...(win.signtoolOptions as object | undefined), publisherName: process.env[RELEASE_ENV.publisher]! } };
} else {
  writeFileSync(join(root, 'dist', UPDATE_PUBLIC_KEY_FILE), readFileSync(process.env[RELEASE_ENV.publicKey]!, 'utf8'));
}
await build({ projectDir: root, config, publish: 'never', targets: (platform === 'win' ? Platform.WINDOWS : Platform.LINUX).createTarget() });
if (platform === 'linux') {
  const signed = await signLinuxFeeds(join(root, 'release'), readFileSync(process.env[RELEASE_ENV.signingKey]!, 'utf8'), readFileSync(process.env[RELEASE_ENV.publicKey]!, 'utf8'));
  console.log(`signed ${signed.join(', ')}`);
}
