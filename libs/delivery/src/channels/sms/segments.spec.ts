import { countSegments } from './segments';

describe('countSegments (the 70/67 rule)', () => {
  it.each([
    [1, 1],
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
    [201, 3],
    [202, 4],
  ])('counts %i characters as %i segment(s)', (length, segments) => {
    expect(countSegments('a'.repeat(length))).toBe(segments);
  });

  it('counts Chinese characters and the signature brackets one each', () => {
    expect(countSegments(`【签名】${'验'.repeat(66)}`)).toBe(1);
    expect(countSegments(`【签名】${'验'.repeat(67)}`)).toBe(2);
  });

  it('counts an emoji (a surrogate pair) as one character', () => {
    expect(countSegments('😀'.repeat(70))).toBe(1);
  });
});
