import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatInZone, initialLocale } from './i18n';
import { zhCN } from './zh-CN';

describe('initialLocale', () => {
  it('follows the browser: Chinese variants give zh-CN, the first known language wins', () => {
    expect(initialLocale(null, ['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(initialLocale(null, ['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(initialLocale(null, ['fr-FR', 'de'])).toBe('en');
  });

  it("keeps the admin's own choice over the browser's", () => {
    expect(initialLocale('en', ['zh-CN'])).toBe('en');
    expect(initialLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(initialLocale('fr', ['zh-CN'])).toBe('zh-CN');
  });
});

describe('formatInZone', () => {
  it("shows an instant in the admin's time zone", () => {
    const instant = '2026-12-01T16:30:00.000Z';
    expect(formatInZone(instant, 'en', 'UTC')).toBe('12/01/2026, 16:30:00');
    expect(formatInZone(instant, 'en', 'Asia/Shanghai')).toBe('12/02/2026, 00:30:00');
    expect(formatInZone(instant, 'zh-CN', 'Asia/Shanghai')).toBe('2026/12/02 00:30:00');
  });
});

describe('the texts', () => {
  it('have a Chinese text for every English one, none left empty or untranslated', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    const same = Object.keys(en).filter(
      (key) => zhCN[key as keyof typeof en] === en[key as keyof typeof en],
    );
    expect(same).toEqual([]);
  });
});
