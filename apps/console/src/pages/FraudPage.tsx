import { Button, Card, Popconfirm, Space, Table, Tabs, Tag } from 'antd';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { FraudRulesTab } from './FraudRulesTab';
import { useAction } from './review';

type FraudKey = Schemas['FraudKeyOverviewDto'];
type ClearKind = Schemas['FraudClearDto']['kind'];

const STATE_COLOURS: Record<FraudKey['state'], string> = {
  ok: 'green',
  watched: 'gold',
  challenged: 'orange',
  blocked: 'red',
};

/** The decision's key kinds that a clear can give budget back to. */
const CLEARABLE = new Set<string>(['country', 'range', 'prefix', 'ip', 'network']);

export function FraudPage() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const overview = useLoad(() => ok(api.GET('/v1/admin/fraud/overview')), []);
  const decisions = useLoad(() => ok(api.GET('/v1/admin/fraud/decisions')), []);
  const reload = () => {
    overview.reload();
    decisions.reload();
  };
  const clear = (kind: ClearKind, value: string) =>
    act(() => ok(api.POST('/v1/admin/fraud/clear', { body: { kind, value } })), reload);

  const clearButton = (kind: ClearKind, value: string) => (
    <Popconfirm
      title={`${t('clearBlock')} ${kind} ${value}?`}
      onConfirm={() => void clear(kind, value)}
    >
      <Button
        size="small"
        type="link"
        disabled={!canChange}
        aria-label={`${t('clearBlock')} ${value}`}
      >
        {t('clearBlock')}
      </Button>
    </Popconfirm>
  );

  const keyTable = (kind: ClearKind, rows: FraudKey[] | undefined) => (
    <Table<FraudKey>
      rowKey="value"
      size="small"
      loading={overview.loading}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('key'), dataIndex: 'value' },
        { title: t('sent'), dataIndex: 'sent' },
        { title: t('verified'), dataIndex: 'verified' },
        {
          title: t('conversion'),
          dataIndex: 'conversion',
          render: (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`),
        },
        { title: t('unverified'), dataIndex: 'unverified' },
        { title: t('budget'), dataIndex: 'budget' },
        {
          title: t('state'),
          dataIndex: 'state',
          render: (state: FraudKey['state']) => <Tag color={STATE_COLOURS[state]}>{state}</Tag>,
        },
        {
          title: t('actions'),
          render: (_, row) => (row.unverified > 0 ? clearButton(kind, row.value) : null),
        },
      ]}
    />
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('navFraud')} extra={<Button onClick={reload}>{t('refresh')}</Button>}>
        <Tabs
          items={[
            {
              key: 'countries',
              label: t('countries'),
              children: keyTable('country', overview.data?.countries),
            },
            {
              key: 'ranges',
              label: t('ranges'),
              children: keyTable('range', overview.data?.ranges),
            },
            {
              key: 'prefixes',
              label: t('prefixes'),
              children: keyTable('prefix', overview.data?.prefixes),
            },
            { key: 'rules', label: t('fraudRules'), children: <FraudRulesTab /> },
          ]}
        />
      </Card>
      <Card title={t('decisions')}>
        <Table<Schemas['FraudDecisionDto']>
          rowKey="id"
          size="small"
          loading={decisions.loading}
          dataSource={decisions.data?.items}
          pagination={false}
          columns={[
            { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
            { title: t('phone'), dataIndex: 'phone' },
            { title: t('clientIp'), dataIndex: 'clientIp' },
            { title: t('key'), render: (_, row) => `${row.keyKind}: ${row.keyValue}` },
            { title: t('unverified'), render: (_, row) => `${row.unverified} / ${row.budget}` },
            {
              title: t('action'),
              dataIndex: 'action',
              render: (action: string) => <Tag color="red">{action}</Tag>,
            },
            { title: t('outcome'), dataIndex: 'outcome' },
            {
              title: t('actions'),
              render: (_, row) =>
                CLEARABLE.has(row.keyKind)
                  ? clearButton(row.keyKind as ClearKind, row.keyValue)
                  : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
