/**
 * The store screenshots (store/README.md; made by `npm run demo -- --store-screenshots`): every
 * language has every scene, and each file is what Chrome's Web Store takes and AMO shows well,
 * read from the PNG itself: 1280×800, 24-bit RGB, no alpha, no transparency chunk.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readPng, storeScreenshotProblems } from '../demo/png';
import { STORE_LANGUAGES, STORE_SCENES, STORE_SCREENSHOTS_DIR, storeScreenshotName } from '../demo/store-scenes';

const REMAKE = 'Make them with `npm run demo -- --store-screenshots`.';

describe('store screenshots', () => {
  it.each(STORE_LANGUAGES)(`%s: scenes 1 to ${STORE_SCENES.length}, and nothing else`, (lang) => {
    const dir = path.join(STORE_SCREENSHOTS_DIR, lang);
    expect(existsSync(dir), `${dir} is missing. ${REMAKE}`).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(STORE_SCENES.map(storeScreenshotName).sort());
  });

  it.each(STORE_LANGUAGES.flatMap((lang) => STORE_SCENES.map((scene) => [lang, scene] as const)))('%s/%s is a 1280×800 24-bit PNG without alpha', (lang, scene) => {
    const file = path.join(STORE_SCREENSHOTS_DIR, lang, storeScreenshotName(scene));
    expect(storeScreenshotProblems(readFileSync(file)), `${file}. ${REMAKE}`).toEqual([]);
  });
});

describe('the PNG check itself', () => {
  /** A PNG made here: one IHDR (and any extra chunks), one IDAT of blank rows, IEND. */
  function png(width: number, height: number, colorType: number, extra: Array<[string, Buffer]> = []): Buffer {
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length, 0);
      head.write(type, 4, 'latin1');
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
      return Buffer.concat([head, data, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8;
    ihdr[9] = colorType;
    const channels = colorType === 6 ? 4 : 3;
    const rows = Buffer.alloc((width * channels + 1) * height);
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...extra.map(([t, d]) => chunk(t, d)), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  }

  it('passes a 1280×800 RGB PNG and reads its header', () => {
    const good = png(1280, 800, 2);
    expect(storeScreenshotProblems(good)).toEqual([]);
    expect(readPng(good)).toMatchObject({ width: 1280, height: 800, bitDepth: 8, colorType: 2, interlaced: false, chunks: ['IHDR', 'IDAT', 'IEND'] });
  });

  it.each([
    ['the wrong size', png(1280, 720, 2), /1280×720, not 1280×800/],
    ['an alpha channel', png(1280, 800, 6), /colour type 6 at 8 bits, not 24-bit RGB/],
    ['a transparent colour', png(1280, 800, 2, [['tRNS', Buffer.alloc(6)]]), /transparency chunk/],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.alloc(40)]), /not a PNG/],
    ['a cut file', png(1280, 800, 2).subarray(0, 60), /cut short/],
  ])('fails %s', (_, file, problem) => {
    expect(storeScreenshotProblems(file).join('; ')).toMatch(problem);
  });
});
