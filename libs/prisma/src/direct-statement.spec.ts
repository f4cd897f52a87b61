import { directParameter } from './direct-statement';

describe('directParameter', () => {
  it('sends a Date as its ISO instant, in arrays too, and anything else as it is', () => {
    const at = new Date('2027-01-12T00:00:00.000Z');
    expect(directParameter(at)).toBe('2027-01-12T00:00:00.000Z');
    expect(directParameter([at, null, 'x'])).toEqual(['2027-01-12T00:00:00.000Z', null, 'x']);
    expect(directParameter(5)).toBe(5);
    expect(directParameter(null)).toBeNull();
    expect(directParameter('{"a":1}')).toBe('{"a":1}');
  });
});
