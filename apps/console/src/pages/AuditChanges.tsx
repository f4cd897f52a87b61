import { Table, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { changedFields, type FieldChange } from './audit-changes';

type JsonObject = Record<string, unknown> | null | undefined;

/** A field's value as the diff shows it: text as it is, anything else as JSON, absent as —. */
function shown(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What an admin change did to its object: each changed field, before and after. */
export function AuditChanges({ before, after }: { before: JsonObject; after: JsonObject }) {
  const { t } = useI18n();
  const changes = changedFields(before, after);
  if (changes.length === 0) {
    return <Typography.Text type="secondary">{t('auditNoChange')}</Typography.Text>;
  }
  return (
    <Table<FieldChange>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={changes}
      columns={[
        { title: t('auditField'), dataIndex: 'field' },
        {
          title: t('auditBefore'),
          render: (_, change) => (
            <Typography.Text type="danger" delete={change.before !== undefined}>
              {shown(change.before)}
            </Typography.Text>
          ),
        },
        {
          title: t('auditAfter'),
          render: (_, change) => (
            <Typography.Text type="success">{shown(change.after)}</Typography.Text>
          ),
        },
      ]}
    />
  );
}
