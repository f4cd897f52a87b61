import { localeCandidates, normalizeLocale, pickByLocale } from './template-locale';

describe('normalizeLocale', () => {
  it.each([
    ['zh-cn', 'zh-CN'],
    ['ZH_cn', 'zh-CN'],
    ['en', 'en'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    [' fr ', 'fr'],
  ])('reads %j as %s', (input, locale) => {
    expect(normalizeLocale(input)).toBe(locale);
  });

  it.each(['', 'chinese', 'zh-CN-x', 'z', '中文', 'en-US;drop'])('refuses %j', (input) => {
    expect(normalizeLocale(input)).toBeUndefined();
  });
});

describe('localeCandidates', () => {
  it('tries the request, its language, the region, then the default', () => {
    expect(localeCandidates('en-GB', 'CN', 'zh-CN')).toEqual(['en-GB', 'en', 'zh-CN', 'zh']);
  });

  it('uses the phone region without a request', () => {
    expect(localeCandidates(undefined, 'US', 'zh-CN')).toEqual(['en-US', 'en', 'zh-CN', 'zh']);
  });

  it('falls back to the default for a region it does not know', () => {
    expect(localeCandidates(undefined, 'KE', 'en')).toEqual(['en']);
  });
});

describe('pickByLocale', () => {
  const templates = [{ locale: 'zh-CN' }, { locale: 'en' }, { locale: 'zh-TW' }];

  it('takes an exact match first, in candidate order', () => {
    expect(pickByLocale(templates, ['fr', 'zh-TW', 'en'])).toBe(templates[2]);
  });

  it('then a template of the same language', () => {
    expect(pickByLocale(templates, ['en-GB', 'fr'])).toBe(templates[1]);
  });

  it('then the first template rather than none', () => {
    expect(pickByLocale(templates, ['fr'])).toBe(templates[0]);
    expect(pickByLocale([], ['fr'])).toBeUndefined();
  });
});
