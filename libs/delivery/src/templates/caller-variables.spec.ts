import { InvalidParamError } from '@app/common';
import { readCallerVariables } from './caller-variables';

function fieldsOf(raw: unknown): string[] {
  try {
    readCallerVariables(raw);
  } catch (error) {
    if (error instanceof InvalidParamError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
}

describe('readCallerVariables', () => {
  it('reads an object of strings into a map', () => {
    const variables = readCallerVariables({ order: 'A-1001', date: '11月21日' });
    expect([...variables]).toEqual([
      ['order', 'A-1001'],
      ['date', '11月21日'],
    ]);
  });

  it.each([undefined, null])('treats %p as no variables', (raw) => {
    expect(readCallerVariables(raw).size).toBe(0);
  });

  it.each(['code', 'ttl', 'name', 'sign', 'template'])('refuses the system variable %s', (name) => {
    expect(fieldsOf({ [name]: '1' })).toEqual([`variables.${name}`]);
  });

  it.each([
    ['a number', { n: 1 }],
    ['an object', { n: { toString: 'x' } }],
    ['an empty string', { n: '' }],
    ['36 characters', { n: 'x'.repeat(36) }],
    ['a signature bracket', { n: '【Bank】' }],
    ['a closing bracket', { n: 'a】' }],
    ['a newline', { n: 'a\nb' }],
    ['a NUL', { n: 'a\u0000' }],
  ])('refuses a value that is %s', (_case, raw) => {
    expect(fieldsOf(raw)).toEqual(['variables.n']);
  });

  it('counts characters, not UTF-16 units: 35 emoji fit', () => {
    expect(readCallerVariables({ n: '😀'.repeat(35) }).get('n')).toHaveLength(70);
  });

  it.each([['1abc'], ['order-id'], ['a'.repeat(33)]])('refuses the name %s', (name) => {
    expect(fieldsOf({ [name]: 'x' })).toEqual([`variables.${name}`]);
  });

  it.each([[['a']], ['text'], [42]])('refuses %p instead of an object', (raw) => {
    expect(fieldsOf(raw)).toEqual(['variables']);
  });

  it('refuses more than 20 variables', () => {
    const raw = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`v${i}`, 'x']));
    expect(fieldsOf(raw)).toEqual(['variables']);
  });

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const variables = readCallerVariables(JSON.parse('{"__proto__":"x"}'));
    expect(variables.get('__proto__')).toBe('x');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
