// The part of subset-font (a devDependency without types) that scripts/subset-fonts.ts uses.
declare module 'subset-font' {
  type Options = { targetFormat?: 'sfnt' | 'woff' | 'woff2'; preserveNameIds?: number[] };
  export default function subsetFont(font: Buffer, text: string, options?: Options): Promise<Buffer>;
}
