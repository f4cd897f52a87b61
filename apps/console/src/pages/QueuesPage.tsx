import { Button, Card, Table, Tag } from 'antd';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../useLoad';

export function QueuesPage() {
  const { t } = useI18n();
  const queues = useLoad(() => ok(api.GET('/v1/admin/queues')), []);
  const count = (key: keyof Schemas['QueueCountsDto'], label: string) => ({
    title: label,
    dataIndex: key,
  });
  return (
    <Card title={t('navQueues')} extra={<Button onClick={queues.reload}>{t('refresh')}</Button>}>
      <Table<Schemas['QueueCountsDto']>
        rowKey="name"
        loading={queues.loading}
        dataSource={queues.data?.queues}
        pagination={false}
        columns={[
          { title: t('queue'), dataIndex: 'name' },
          count('waiting', t('waiting')),
          count('prioritized', t('prioritized')),
          count('active', t('active')),
          count('delayed', t('delayed')),
          count('failed', t('failed')),
          count('completed', t('completed')),
          {
            title: t('paused'),
            dataIndex: 'paused',
            render: (paused: boolean) => (paused ? <Tag color="orange">{t('paused')}</Tag> : '—'),
          },
        ]}
      />
    </Card>
  );
}
