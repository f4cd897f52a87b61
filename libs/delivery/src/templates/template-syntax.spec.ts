import { parseTemplate, renderTemplate, TemplateSyntaxError } from './template-syntax';

const render = (source: string, values: Record<string, string>): string =>
  renderTemplate(parseTemplate(source), new Map(Object.entries(values)));

describe('parseTemplate', () => {
  it('lists placeholders once each, in order of first appearance', () => {
    const template = parseTemplate('{{ttl}}分钟内有效，验证码{{code}}，{{ttl}}分钟后失效');
    expect(template.variables).toEqual(['ttl', 'code']);
  });

  it('accepts the triple-stash form LeanCloud documents', () => {
    expect(parseTemplate('您的验证码是{{{code}}}').variables).toEqual(['code']);
  });

  it('reads a template without placeholders', () => {
    expect(parseTemplate('Your parcel has shipped.').variables).toEqual([]);
  });

  it.each([
    ['a block helper', '{{#if code}}x{{/if}}'],
    ['an each block', '{{#each items}}{{this}}{{/each}}'],
    ['a helper call', '{{lookup this "constructor"}}'],
    ['a helper with a hash', '{{code format="x"}}'],
    ['a partial', '{{> header}}'],
    ['a comment', '{{! note }}'],
    ['a dotted path', '{{code.length}}'],
    ['a this path', '{{this.code}}'],
    ['this itself', '{{this}}'],
    ['a parent path', '{{../code}}'],
    ['a data variable', '{{@root}}'],
    ['a string literal', '{{"text"}}'],
    ['a number literal', '{{42}}'],
    ['a decorator', '{{* inline}}'],
    ['a name with a dash', '{{order-id}}'],
  ])('refuses %s', (_case, source) => {
    expect(() => parseTemplate(source)).toThrow(TemplateSyntaxError);
  });

  it.each([['{{code'], ['{{#if a}}x'], ['{{}}']])('explains why %j does not parse', (source) => {
    expect(() => parseTemplate(source)).toThrow(/^The template does not parse: Parse error/);
  });
});

describe('renderTemplate', () => {
  it('fills every placeholder, repeated ones included', () => {
    expect(render('{{a}}-{{b}}-{{a}}', { a: '1', b: '2' })).toBe('1-2-1');
  });

  it('does not HTML-escape: this is SMS text', () => {
    expect(render('Hi {{who}}, {{{what}}}', { who: '<Tom & "Jerry">', what: "it's" })).toBe(
      `Hi <Tom & "Jerry">, it's`,
    );
  });

  it('keeps escaped braces as text', () => {
    expect(render('\\{{code}} is literal, {{code}} is not', { code: '1' })).toBe(
      '{{code}} is literal, 1 is not',
    );
  });

  it('looks names up in the given map only, never on a prototype', () => {
    expect(render('[{{constructor}}][{{__proto__}}][{{toString}}]', {})).toBe('[][][]');
  });
});
