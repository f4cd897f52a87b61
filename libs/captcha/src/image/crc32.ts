import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 as PNG and zlib define it, computed in plain TypeScript. */
export function tableCrc32(data: Uint8Array, initial = 0): number {
  const lookup = crcTable();
  let crc = ~initial >>> 0;
  for (let i = 0; i < data.length; i++) crc = lookup[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

// `zlib.crc32` only exists from Node 20.15 / 22.2 on, although the type definitions always declare it.
const nativeCrc32: ((data: Uint8Array, initial?: number) => number) | undefined =
  typeof zlib.crc32 === 'function' ? zlib.crc32 : undefined;

export function crc32(data: Uint8Array, initial = 0): number {
  return nativeCrc32 ? nativeCrc32(data, initial) : tableCrc32(data, initial);
}
