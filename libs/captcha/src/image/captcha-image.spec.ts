import { inflateSync } from 'node:zlib';
import { CAPTCHA_ALPHABET, randomCaptchaText } from './captcha-alphabet';
import { renderCaptchaPng } from './captcha-image';
import {
  CAPTCHA_DEFAULT_HEIGHT,
  CAPTCHA_DEFAULT_WIDTH,
  CAPTCHA_MAX_HEIGHT,
  CAPTCHA_MAX_WIDTH,
  CAPTCHA_MIN_HEIGHT,
  CAPTCHA_MIN_WIDTH,
} from './captcha-size';
import { createRandomSource } from './random-source';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RGB_CHANNELS = 3;

interface PngChunk {
  type: string;
  data: Buffer;
  crc: number;
}

interface DecodedPng {
  width: number;
  height: number;
  chunks: PngChunk[];
  /** Row-major RGB. */
  rgb: Uint8Array;
}

/** Bit-by-bit CRC-32, independent of the encoder's table and of zlib. */
function referenceCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function readChunks(png: Buffer): PngChunk[] {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    expect(crc).toBe(referenceCrc32(png.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data, crc });
    offset += 12 + length;
  }
  expect(offset).toBe(png.length);
  return chunks;
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** Undoes the five PNG row filters, whichever the encoder picked. */
function unfilter(raw: Buffer, width: number, height: number): Uint8Array {
  const stride = width * RGB_CHANNELS;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    expect(filter).toBeLessThanOrEqual(4);
    for (let i = 0; i < stride; i++) {
      const left = i >= RGB_CHANNELS ? rgb[y * stride + i - RGB_CHANNELS] : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= RGB_CHANNELS ? rgb[(y - 1) * stride + i - RGB_CHANNELS] : 0;
      const predictions = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)];
      rgb[y * stride + i] = (raw[y * (stride + 1) + 1 + i] + predictions[filter]) & 0xff;
    }
  }
  return rgb;
}

function decodePng(png: Buffer): DecodedPng {
  const chunks = readChunks(png);
  expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const header = chunks[0].data;
  expect(header).toHaveLength(13);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([...header.subarray(8)]).toEqual([8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no interlace
  expect(chunks[2].data).toHaveLength(0);
  const raw = inflateSync(
    Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)),
  );
  expect(raw).toHaveLength(height * (1 + width * RGB_CHANNELS));
  return { width, height, chunks, rgb: unfilter(raw, width, height) };
}

function luminance(rgb: Uint8Array, pixel: number): number {
  const offset = pixel * RGB_CHANNELS;
  return 0.299 * rgb[offset] + 0.587 * rgb[offset + 1] + 0.114 * rgb[offset + 2];
}

/**
 * Share of dark pixels in the central box where the text sits. The text is about 2.5 to 5 times
 * as wide as tall, so in very wide or very tall images the box is cut to that shape.
 */
function inkShareInTextArea({ width, height, rgb }: DecodedPng): number {
  const boxWidth = Math.min(width * 0.8, height * 5);
  const boxHeight = Math.min(height * 0.8, width * 0.6);
  const left = Math.floor((width - boxWidth) / 2);
  const top = Math.floor((height - boxHeight) / 2);
  let dark = 0;
  let total = 0;
  for (let y = top; y < top + boxHeight; y++) {
    for (let x = left; x < left + boxWidth; x++) {
      total++;
      if (luminance(rgb, y * width + x) < 128) dark++;
    }
  }
  return dark / total;
}

function medianLuminance({ width, height, rgb }: DecodedPng): number {
  const values = Array.from({ length: width * height }, (_, pixel) => luminance(rgb, pixel));
  return values.sort((a, b) => a - b)[values.length >> 1];
}

const DEFAULT_SIZE = { width: CAPTCHA_DEFAULT_WIDTH, height: CAPTCHA_DEFAULT_HEIGHT };
/** Together they use every character of the alphabet. */
const FIXED_TEXTS = ['ACEH', 'JKLM', 'NPRT', 'WXY3', '4679'];

describe('renderCaptchaPng', () => {
  it('produces a valid PNG of the asked size', () => {
    const png = renderCaptchaPng('ACEH', DEFAULT_SIZE);
    const decoded = decodePng(png);
    expect(decoded.width).toBe(CAPTCHA_DEFAULT_WIDTH);
    expect(decoded.height).toBe(CAPTCHA_DEFAULT_HEIGHT);
  });

  it.each([
    [CAPTCHA_MIN_WIDTH, CAPTCHA_MIN_HEIGHT],
    [CAPTCHA_MIN_WIDTH, CAPTCHA_MAX_HEIGHT],
    [CAPTCHA_MAX_WIDTH, CAPTCHA_MIN_HEIGHT],
    [CAPTCHA_MAX_WIDTH, CAPTCHA_MAX_HEIGHT],
    [CAPTCHA_DEFAULT_WIDTH, CAPTCHA_DEFAULT_HEIGHT],
    [200, 80],
  ])('renders legible text at %i x %i', (width, height) => {
    // Fixed texts and seeds keep this deterministic; 400 random renders of each size never had
    // less than 7.5% ink in the box nor a median darker than 209.
    FIXED_TEXTS.forEach((text, index) => {
      const random = createRandomSource([index + 1, width, height, 7]);
      const decoded = decodePng(renderCaptchaPng(text, { width, height, random }));
      expect(decoded.width).toBe(width);
      expect(decoded.height).toBe(height);
      expect(inkShareInTextArea(decoded)).toBeGreaterThan(0.05);
      expect(inkShareInTextArea(decoded)).toBeLessThan(0.6);
      expect(medianLuminance(decoded)).toBeGreaterThan(170); // a light background
    });
  });

  it('draws every character of the alphabet, and texts of any allowed length', () => {
    for (const character of CAPTCHA_ALPHABET) {
      expect(() => decodePng(renderCaptchaPng(character.repeat(4), DEFAULT_SIZE))).not.toThrow();
    }
    expect(decodePng(renderCaptchaPng('K', DEFAULT_SIZE)).width).toBe(CAPTCHA_DEFAULT_WIDTH);
    expect(decodePng(renderCaptchaPng('ACEHJKLM', DEFAULT_SIZE)).width).toBe(CAPTCHA_DEFAULT_WIDTH);
  });

  it('is reproducible for a fixed seed, and a different text changes the image', () => {
    const render = (text: string): Buffer =>
      renderCaptchaPng(text, { ...DEFAULT_SIZE, random: createRandomSource([1, 2, 3, 4]) });
    expect(render('ACEH').equals(render('ACEH'))).toBe(true);

    const first = decodePng(render('ACEH')).rgb;
    const second = decodePng(render('KMNP')).rgb;
    let differingPixels = 0;
    for (let offset = 0; offset < first.length; offset += RGB_CHANNELS) {
      if (Math.abs(first[offset] - second[offset]) > 40) differingPixels++;
    }
    expect(differingPixels).toBeGreaterThan(CAPTCHA_DEFAULT_WIDTH * CAPTCHA_DEFAULT_HEIGHT * 0.05);
  });

  it('draws a fresh image each time without a seed', () => {
    expect(
      renderCaptchaPng('ACEH', DEFAULT_SIZE).equals(renderCaptchaPng('ACEH', DEFAULT_SIZE)),
    ).toBe(false);
  });

  it('accepts lower-case text', () => {
    expect(decodePng(renderCaptchaPng('acehjk', DEFAULT_SIZE)).width).toBe(CAPTCHA_DEFAULT_WIDTH);
  });

  it('never embeds the text in the file', () => {
    for (let i = 0; i < 200; i++) {
      const text = randomCaptchaText(6);
      const png = renderCaptchaPng(text, DEFAULT_SIZE);
      const types = readChunks(png).map((chunk) => chunk.type);
      expect(types.filter((type) => !['IHDR', 'IDAT', 'IEND'].includes(type))).toEqual([]);
      expect(png.includes(text, 0, 'latin1')).toBe(false);
      expect(png.includes(text.toLowerCase(), 0, 'latin1')).toBe(false);
    }
  });

  it.each([
    [CAPTCHA_MIN_WIDTH - 1, CAPTCHA_DEFAULT_HEIGHT],
    [CAPTCHA_MAX_WIDTH + 1, CAPTCHA_DEFAULT_HEIGHT],
    [CAPTCHA_DEFAULT_WIDTH, CAPTCHA_MIN_HEIGHT - 1],
    [CAPTCHA_DEFAULT_WIDTH, CAPTCHA_MAX_HEIGHT + 1],
    [100.5, CAPTCHA_DEFAULT_HEIGHT],
    [Number.NaN, CAPTCHA_DEFAULT_HEIGHT],
  ])('rejects the size %p x %p', (width, height) => {
    expect(() => renderCaptchaPng('ACEH', { width, height })).toThrow(RangeError);
  });

  it.each(['', 'AC0H', 'ACOH', 'AC H', 'ACEHJKLMN'])('rejects the text %p', (text) => {
    expect(() => renderCaptchaPng(text, DEFAULT_SIZE)).toThrow(RangeError);
  });
});
