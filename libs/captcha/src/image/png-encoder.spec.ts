import { inflateSync } from 'node:zlib';
import { tableCrc32 } from './crc32';
import { encodePng } from './png-encoder';

const pixels = Uint8Array.from([
  ...[255, 0, 0, 255, 0, 255, 0, 128],
  ...[0, 0, 255, 0, 10, 20, 30, 255],
]);

function chunksOf(png: Buffer): Array<{ type: string; data: Buffer }> {
  const chunks: Array<{ type: string; data: Buffer }> = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(png.readUInt32BE(offset + 8 + length)).toBe(
      tableCrc32(png.subarray(offset + 4, offset + 8 + length)),
    );
    chunks.push({ type: png.toString('latin1', offset + 4, offset + 8), data });
    offset += 12 + length;
  }
  return chunks;
}

describe('encodePng', () => {
  it('writes RGBA scanlines, each behind a filter byte', () => {
    const [header, data] = chunksOf(encodePng({ width: 2, height: 2, pixels }));
    expect(header.data[9]).toBe(6);
    expect([...inflateSync(data.data)]).toEqual([
      0,
      ...pixels.subarray(0, 8),
      0,
      ...pixels.subarray(8),
    ]);
  });

  it('drops the alpha channel for opaque images', () => {
    const [header, data] = chunksOf(encodePng({ width: 2, height: 2, pixels }, { opaque: true }));
    expect(header.data[9]).toBe(2);
    expect([...inflateSync(data.data)]).toEqual([
      ...[0, 255, 0, 0, 0, 255, 0],
      ...[0, 0, 0, 255, 10, 20, 30],
    ]);
  });
});
