import { Card, Flex, Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { type ConsoleLocale, useI18n } from '../i18n/i18n';

/** The centred card of the sign-in and setup pages, with the language switch. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <Flex justify="center" align="center" className="auth-page">
      <Card
        className="auth-card"
        title={
          <Flex justify="space-between" align="center">
            <span>{t('appName')}</span>
            <LanguageSwitch locale={locale} onChange={setLocale} />
          </Flex>
        }
      >
        <Typography.Title level={4}>{title}</Typography.Title>
        {children}
      </Card>
    </Flex>
  );
}

export function LanguageSwitch({
  locale,
  onChange,
}: {
  locale: ConsoleLocale;
  onChange: (locale: ConsoleLocale) => void;
}) {
  return (
    <Segmented<ConsoleLocale>
      size="small"
      aria-label="Language"
      value={locale}
      onChange={onChange}
      options={[
        { label: 'English', value: 'en' },
        { label: '中文', value: 'zh-CN' },
      ]}
    />
  );
}
