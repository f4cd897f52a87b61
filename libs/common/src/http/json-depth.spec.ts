import { jsonNestingDepth } from './json-depth';

describe('jsonNestingDepth', () => {
  it.each([
    ['a scalar', '"x"', 0],
    ['null', 'null', 0],
    ['a flat object', '{"a":1,"b":"c"}', 1],
    ['an object in an array', '[{"a":[1,2]}]', 3],
    ['siblings at one level', '{"a":{},"b":{},"c":[]}', 2],
    ['brackets inside strings', '{"a":"[[[{{{"}', 1],
    ['an escaped quote inside a string', '{"a":"\\"[[[","b":[1]}', 2],
    ['an escaped backslash before the closing quote', '{"a":"\\\\","b":[[1]]}', 3],
  ])('counts %s', (_case, text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('counts thousands of levels without recursing', () => {
    expect(jsonNestingDepth('['.repeat(100_000) + ']'.repeat(100_000))).toBe(100_000);
  });
});
