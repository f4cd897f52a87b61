import { Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../useLoad';

type Setting = Schemas['EffectiveSettingDto'];

/** The effective configuration, read only; the service masks secrets before they leave it. */
export function SettingsPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const settings = useLoad(() => ok(api.GET('/v1/admin/settings')), []);
  const shown = settings.data?.settings.filter((setting) =>
    setting.name.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <Card
      title={t('navSettings')}
      extra={
        <Input.Search
          allowClear
          aria-label={t('filterSettings')}
          placeholder={t('filterSettings')}
          onChange={(event) => setFilter(event.target.value)}
        />
      }
    >
      <Table<Setting>
        rowKey="name"
        size="small"
        loading={settings.loading}
        dataSource={shown}
        pagination={false}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('value'),
            render: (_, row) =>
              row.secret ? (
                <Tag color="orange">{row.value ?? '—'}</Tag>
              ) : (
                <code>{row.value ?? '—'}</code>
              ),
          },
        ]}
      />
    </Card>
  );
}
