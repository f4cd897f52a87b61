import { Card, Descriptions, Drawer, Form, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { FilterToolbar, type TimeRange } from '../components/FilterToolbar';
import { serverPages } from '../components/table-pages';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../useLoad';

type Message = Schemas['SmsMessageDto'];
type MessageStatus = Message['status'];

const STATUSES: MessageStatus[] = [
  'queued',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'unknown',
  'expired',
];
const STATUS_COLOURS: Partial<Record<MessageStatus, string>> = {
  delivered: 'green',
  sent: 'blue',
  failed: 'red',
  undelivered: 'red',
  unknown: 'orange',
};

interface Filters {
  phone?: string;
  status?: MessageStatus;
  range?: TimeRange;
}

export function MessagesPage() {
  const { t, formatDateTime } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Message>();
  const list = useLoad(
    () =>
      ok(
        api.GET('/v1/admin/sms/messages', {
          params: {
            query: {
              page,
              pageSize: 20,
              phone: filters.phone || undefined,
              status: filters.status,
              from: filters.range?.[0]?.toISOString(),
              to: filters.range?.[1]?.toISOString(),
            },
          },
        }),
      ),
    [filters, page],
  );

  return (
    <Card title={t('navMessages')}>
      <FilterToolbar<Filters>
        onSearch={(values) => {
          setPage(1);
          setFilters(values);
        }}
        onRefresh={list.reload}
      >
        <Form.Item name="phone" label={t('phone')}>
          <Input placeholder="+8613800138000" allowClear />
        </Form.Item>
        <Form.Item name="status" label={t('status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            options={STATUSES.map((status) => ({ value: status, label: status }))}
          />
        </Form.Item>
      </FilterToolbar>
      <Table<Message>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        onRow={(row) => ({ onClick: () => setShown(row) })}
        pagination={serverPages(page, 20, list.data?.total, setPage)}
        columns={[
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('phone'), dataIndex: 'phone' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (status: MessageStatus) => <Tag color={STATUS_COLOURS[status]}>{status}</Tag>,
          },
          { title: t('kind'), dataIndex: 'kind' },
          { title: t('template'), dataIndex: 'templateName' },
          { title: t('provider'), dataIndex: 'provider' },
          { title: t('content'), dataIndex: 'content', ellipsis: true },
          { title: t('segments'), dataIndex: 'segments' },
        ]}
      />
      <Drawer
        open={shown !== undefined}
        size="large"
        title={shown?.phone}
        onClose={() => setShown(undefined)}
      >
        {shown && <MessageDetails message={shown} />}
      </Drawer>
    </Card>
  );
}

function MessageDetails({ message }: { message: Message }) {
  const { t, formatDateTime } = useI18n();
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="id">{message.id}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>{message.status}</Descriptions.Item>
        <Descriptions.Item label={t('content')}>{message.content}</Descriptions.Item>
        <Descriptions.Item label={t('signature')}>{message.signature}</Descriptions.Item>
        <Descriptions.Item label={t('template')}>{message.templateName}</Descriptions.Item>
        <Descriptions.Item label={t('channel')}>{message.channel}</Descriptions.Item>
        <Descriptions.Item label={t('createdAt')}>
          {formatDateTime(message.createdAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('receipt')}>
          {message.receiptCode ?? '—'} {formatDateTime(message.receiptAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('verified')}>
          {formatDateTime(message.verifiedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('error')}>
          {message.errorCode ? `${message.errorCode}: ${message.errorMessage ?? ''}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        title={() => t('attempts')}
        pagination={false}
        dataSource={message.attempts.map((attempt, order) => ({ ...attempt, key: order }))}
        columns={[
          { title: t('provider'), dataIndex: 'provider' },
          { title: t('status'), dataIndex: 'status' },
          { title: t('latency'), dataIndex: 'latencyMs' },
          {
            title: t('error'),
            render: (_, attempt) =>
              attempt.errorCode ? `${attempt.errorCode}: ${attempt.errorMessage ?? ''}` : '—',
          },
        ]}
      />
    </>
  );
}
