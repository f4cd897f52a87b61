import * as zlib from 'node:zlib';
import { crc32, tableCrc32 } from './crc32';

describe('crc32', () => {
  it('matches the published check value', () => {
    const check = Buffer.from('123456789', 'latin1');
    expect(tableCrc32(check)).toBe(0xcbf43926);
    expect(crc32(check)).toBe(0xcbf43926);
  });

  it('gives the same result as zlib, in one go and continued', () => {
    const data = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 37) & 0xff));
    expect(tableCrc32(data)).toBe(zlib.crc32(data));
    expect(tableCrc32(data.subarray(400), tableCrc32(data.subarray(0, 400)))).toBe(
      zlib.crc32(data),
    );
  });
});
