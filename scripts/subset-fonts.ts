// Remakes the subset fonts of assets/fonts/ (see its README) from their npm packages: packs each
// package into a temporary folder, cuts its static instances down to the characters the bundle needs
// them for, and writes them beside the other ticket fonts.
// `npx tsx scripts/subset-fonts.ts` (needs the npm registry and `tar`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { fontCoverage } from '../main/tickets/font-coverage.js';

const fontsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'fonts');

const range = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

// Korean only needs Hangul from its font: Latin comes from Noto Sans and Hanja from the Chinese and
// Japanese fonts, which come first for Han (main/tickets/raster-fonts.ts).
const hangul = (): string =>
  [
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

/** The characters of Shift_JIS as Windows has it (JIS X 0208 and the NEC and IBM extensions). */
function shiftJis(): Set<number> {
  const decoder = new TextDecoder('shift_jis');
  const points = new Set<number>();
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead >= 0xa0 && lead <= 0xdf) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      const text = decoder.decode(new Uint8Array([lead, trail]));
      if (text !== '\ufffd' && [...text].length === 1) points.add(text.codePointAt(0)!);
    }
  }
  return points;
}

/**
 * Everything the Japanese font has but the Han characters that are both outside Shift_JIS and in
 * the Chinese font: a Japanese ticket draws its kanji in the Japanese design, but for rare ones,
 * drawn in the Chinese design; and no character is lost.
 */
function japanese(font: Buffer): string {
  const japaneseHas = fontCoverage(font);
  const chineseHas = fontCoverage(readFileSync(join(fontsDir, 'NotoSansSC-Regular.ttf')));
  const common = shiftJis();
  let text = '';
  for (let p = 0; p < 0x110000; p++) {
    const c = String.fromCodePoint(p);
    if (japaneseHas(p) && !(/\p{Script=Han}/u.test(c) && chineseHas(p) && !common.has(p))) text += c;
  }
  return text;
}

type Subset = { pkg: string; text: (font: Buffer) => string; files: Array<[from: string, to: string]> };

const SUBSETS: Subset[] = [
  {
    pkg: '@expo-google-fonts/noto-sans-kr@0.4.3',
    text: hangul,
    files: [
      ['400Regular/NotoSansKR_400Regular.ttf', 'NotoSansKR-Regular.ttf'],
      ['700Bold/NotoSansKR_700Bold.ttf', 'NotoSansKR-Bold.ttf'],
    ],
  },
  {
    pkg: '@expo-google-fonts/noto-sans-jp@0.4.3',
    text: japanese,
    files: [
      ['400Regular/NotoSansJP_400Regular.ttf', 'NotoSansJP-Regular.ttf'],
      ['700Bold/NotoSansJP_700Bold.ttf', 'NotoSansJP-Bold.ttf'],
    ],
  },
];

// The copyright, licence description and licence URL: the OFL wants them kept with the font.
const LICENCE_NAME_IDS = [0, 13, 14];

const work = mkdtempSync(join(tmpdir(), 'subset-fonts-'));
try {
  for (const { pkg, text, files } of SUBSETS) {
    const packed = execFileSync('npm', ['pack', pkg, '--pack-destination', work, '--loglevel=error'], { cwd: work, encoding: 'utf8', shell: process.platform === 'win32' });
    execFileSync('tar', ['xzf', join(work, packed.trim().split('\n').at(-1)!), '-C', work]);
    for (const [from, to] of files) {
      const font = readFileSync(join(work, 'package', from));
      const subset = await subsetFont(font, text(font), { targetFormat: 'sfnt', preserveNameIds: LICENCE_NAME_IDS });
      writeFileSync(join(fontsDir, to), subset);
      process.stdout.write(`${to}: ${(font.length / 1e6).toFixed(2)} MB → ${(subset.length / 1e6).toFixed(2)} MB\n`);
    }
    rmSync(join(work, 'package'), { recursive: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
