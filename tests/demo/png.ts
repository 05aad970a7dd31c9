/**
 * What the stores ask of a screenshot, read from the PNG itself: the signature, the IHDR chunk
 * (width, height, bit depth, colour type, interlace) and whether any chunk adds transparency
 * (tRNS). Chrome's Web Store takes 1280×800 (or 640×400) 24-bit PNGs without alpha: colour
 * type 2 (RGB) at 8 bits, and no tRNS (which would make one colour transparent).
 */

export const STORE_SIZE = { width: 1280, height: 800 } as const;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha. */
  colorType: number;
  interlaced: boolean;
  /** The chunk types in file order. */
  chunks: string[];
}

/** The PNG's header and chunk list; throws on anything that is not a PNG. */
export function readPng(file: Buffer): PngInfo {
  if (file.length < 33 || !file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (no PNG signature)');
  const chunks: string[] = [];
  for (let at = 8; at + 8 <= file.length; ) {
    const length = file.readUInt32BE(at);
    chunks.push(file.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  if (chunks[0] !== 'IHDR') throw new Error('not a PNG (its first chunk is not IHDR)');
  return {
    width: file.readUInt32BE(16),
    height: file.readUInt32BE(20),
    bitDepth: file[24]!,
    colorType: file[25]!,
    interlaced: file[28] === 1,
    chunks,
  };
}

/** Why `file` is not a store screenshot (empty when it is one). */
export function storeScreenshotProblems(file: Buffer): string[] {
  let png: PngInfo;
  try {
    png = readPng(file);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  if (png.width !== STORE_SIZE.width || png.height !== STORE_SIZE.height) problems.push(`${png.width}×${png.height}, not ${STORE_SIZE.width}×${STORE_SIZE.height}`);
  if (png.colorType !== 2 || png.bitDepth !== 8) problems.push(`colour type ${png.colorType} at ${png.bitDepth} bits, not 24-bit RGB (type 2, 8 bits)`);
  if (png.chunks.includes('tRNS')) problems.push('has a transparency chunk (tRNS)');
  if (png.chunks.at(-1) !== 'IEND') problems.push('is cut short (no IEND chunk)');
  return problems;
}
