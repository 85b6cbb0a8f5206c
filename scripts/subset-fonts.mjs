// Remakes the subset fonts of assets/fonts/ (see its README) from their npm packages: packs each
// package into a temporary folder, cuts its static instances down to the characters the bundle needs
// them for, and writes them beside the other ticket fonts. The other fonts are copied as they are.
// `node scripts/subset-fonts.mjs` (needs the npm registry and `tar`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import subsetFont from 'subset-font';

const fontsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'fonts');

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

// Korean only needs Hangul from its font: Latin comes from Noto Sans and Hanja from the Chinese and
// Japanese fonts, which come first for Han (main/tickets/raster-fonts.ts).
const HANGUL = [
  range(0x1100, 0x11ff), // Jamo
  range(0x3000, 0x303f), // CJK symbols and punctuation
  range(0x3130, 0x318f), // compatibility Jamo
  range(0x3200, 0x321e), // parenthesised Hangul
  range(0x3260, 0x327f), // circled Hangul
  range(0xa960, 0xa97f), // Jamo extended A
  range(0xac00, 0xd7a3), // syllables
  range(0xd7b0, 0xd7ff), // Jamo extended B
  range(0xffa0, 0xffdc), // half-width Hangul
].join('');

const SUBSETS = [
  {
    pkg: '@expo-google-fonts/noto-sans-kr@0.4.3',
    text: HANGUL,
    files: [
      ['400Regular/NotoSansKR_400Regular.ttf', 'NotoSansKR-Regular.ttf'],
      ['700Bold/NotoSansKR_700Bold.ttf', 'NotoSansKR-Bold.ttf'],
    ],
  },
];

// The copyright, licence description and licence URL: the OFL wants them kept with the font.
const LICENCE_NAME_IDS = [0, 13, 14];

const work = mkdtempSync(join(tmpdir(), 'subset-fonts-'));
try {
  for (const { pkg, text, files } of SUBSETS) {
    const tarball = execFileSync('npm', ['pack', pkg, '--pack-destination', work, '--loglevel=error'], { cwd: work, encoding: 'utf8', shell: process.platform === 'win32' }).trim().split('\n').at(-1);
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    for (const [from, to] of files) {
      const subset = await subsetFont(readFileSync(join(work, 'package', from)), text, { targetFormat: 'sfnt', preserveNameIds: LICENCE_NAME_IDS });
      writeFileSync(join(fontsDir, to), subset);
      process.stdout.write(`${to}: ${(subset.length / 1e6).toFixed(2)} MB\n`);
    }
    rmSync(join(work, 'package'), { recursive: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
