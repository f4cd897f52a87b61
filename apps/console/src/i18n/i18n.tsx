import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdEnUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en, type MessageKey, type Messages } from './en';
import { zhCN } from './zh-CN';

export type ConsoleLocale = 'en' | 'zh-CN';

const LOCALE_STORAGE_KEY = 'smsauth.console.locale';
const TIME_ZONE_STORAGE_KEY = 'smsauth.console.timeZone';

const MESSAGES: Record<ConsoleLocale, Messages> = { en, 'zh-CN': zhCN };
const ANTD: Record<ConsoleLocale, AntdLocale> = { en: antdEnUS, 'zh-CN': antdZhCN };
const DAYJS: Record<ConsoleLocale, string> = { en: 'en', 'zh-CN': 'zh-cn' };

/** The admin's own choice first, else the browser's first language that we have. */
export function initialLocale(
  stored: string | null,
  browserLanguages: readonly string[],
): ConsoleLocale {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

interface I18n {
  locale: ConsoleLocale;
  setLocale: (locale: ConsoleLocale) => void;
  t: (key: MessageKey) => string;
  antdLocale: AntdLocale;
  /** IANA zone dates are shown in: the browser's, unless the admin picked another. */
  timeZone: string;
  setTimeZone: (zone: string) => void;
  formatDateTime: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatInZone(iso: string, locale: ConsoleLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<ConsoleLocale>(() =>
    initialLocale(localStorage.getItem(LOCALE_STORAGE_KEY), navigator.languages ?? []),
  );
  const [timeZone, setTimeZoneState] = useState<string>(
    () => localStorage.getItem(TIME_ZONE_STORAGE_KEY) ?? browserTimeZone(),
  );
  const value = useMemo<I18n>(() => {
    dayjs.locale(DAYJS[locale]);
    document.documentElement.lang = locale;
    const messages = MESSAGES[locale];
    return {
      locale,
      setLocale: (next) => {
        localStorage.setItem(LOCALE_STORAGE_KEY, next);
        setLocaleState(next);
      },
      t: (key) => messages[key],
      antdLocale: ANTD[locale],
      timeZone,
      setTimeZone: (zone) => {
        localStorage.setItem(TIME_ZONE_STORAGE_KEY, zone);
        setTimeZoneState(zone);
      },
      formatDateTime: (iso) => (iso ? formatInZone(iso, locale, timeZone) : '—'),
    };
  }, [locale, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
