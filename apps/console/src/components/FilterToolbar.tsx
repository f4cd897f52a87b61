import { Button, DatePicker, Form, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** The time range of a search form: either end may be left open. */
export type TimeRange = [Dayjs | null, Dayjs | null] | null;

/**
 * A list page's search form: the page's own fields, a time range (`range`), Search and Refresh.
 * `onSearch` gets the form's values; the page goes back to its first page.
 */
export function FilterToolbar<Filters extends { range?: TimeRange }>({
  children,
  onSearch,
  onRefresh,
}: {
  children: ReactNode;
  onSearch: (filters: Filters) => void;
  onRefresh: () => void;
}) {
  const { t } = useI18n();
  return (
    <Form<Filters> layout="inline" className="page-toolbar" onFinish={onSearch}>
      {children}
      <Form.Item name="range" label={`${t('from')} – ${t('to')}`}>
        <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('search')}
        </Button>
        <Button onClick={onRefresh}>{t('refresh')}</Button>
      </Space>
    </Form>
  );
}
