import { Card, Descriptions, Drawer, Form, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { FilterToolbar, type TimeRange } from '../components/FilterToolbar';
import { serverPages } from '../components/table-pages';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../useLoad';
import { AuditChanges } from './AuditChanges';

type AuditEntry = Schemas['AuditEntryDto'];

interface Filters {
  adminId?: string;
  route?: string;
  range?: TimeRange;
}

const PAGE_SIZE = 20;

/**
 * Every admin change, newest first, filtered by admin, route pattern and time. A row opens to
 * the fields the change touched, before and after; a click shows the whole entry.
 */
export function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<AuditEntry>();
  const list = useLoad(
    () =>
      ok(
        api.GET('/v1/admin/audit', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              adminId: filters.adminId || undefined,
              route: filters.route || undefined,
              from: filters.range?.[0]?.toISOString(),
              to: filters.range?.[1]?.toISOString(),
            },
          },
        }),
      ),
    [filters, page],
  );

  return (
    <Card title={t('navAudit')}>
      <FilterToolbar<Filters>
        onSearch={(values) => {
          setPage(1);
          setFilters(values);
        }}
        onRefresh={list.reload}
      >
        <Form.Item name="adminId" label={t('adminId')}>
          <Input allowClear style={{ width: 300 }} />
        </Form.Item>
        <Form.Item name="route" label={t('route')}>
          <Input placeholder="/v1/admin/sms/signatures" allowClear />
        </Form.Item>
      </FilterToolbar>
      <Table<AuditEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        onRow={(row) => ({ onClick: () => setShown(row) })}
        expandable={{
          rowExpandable: (row) => row.before != null || row.after != null,
          expandedRowRender: (row) => <AuditChanges before={row.before} after={row.after} />,
        }}
        pagination={serverPages(page, PAGE_SIZE, list.data?.total, setPage)}
        columns={[
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('admin'),
            render: (_, row) => row.adminUsername ?? <Tag>{row.actor}</Tag>,
          },
          { title: t('method'), dataIndex: 'method' },
          { title: t('route'), dataIndex: 'route' },
          { title: t('object'), dataIndex: 'objectId', render: (id: string | null) => id ?? '—' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (status: number) => <Tag color={status < 400 ? 'green' : 'red'}>{status}</Tag>,
          },
          { title: t('clientIp'), dataIndex: 'clientIp' },
        ]}
      />
      <Drawer
        open={shown !== undefined}
        size="large"
        title={shown && `${shown.method} ${shown.path}`}
        onClose={() => setShown(undefined)}
      >
        {shown && (
          <Descriptions
            column={1}
            size="small"
            bordered
            items={(
              [
                ['auditBefore', shown.before],
                ['auditAfter', shown.after],
                ['requestBody', shown.requestBody],
                ['responseBody', shown.responseBody],
              ] as const
            ).map(([label, value]) => ({
              key: label,
              label: t(label),
              children: <pre>{JSON.stringify(value ?? null, null, 2)}</pre>,
            }))}
          />
        )}
      </Drawer>
    </Card>
  );
}
