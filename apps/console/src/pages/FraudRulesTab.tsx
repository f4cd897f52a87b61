import { App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ok, type Schemas } from '../api/client';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { ruleFieldErrors } from './fraud-rule-errors';

type FraudRule = Schemas['FraudRuleDto'];
type NewRule = Schemas['CreateFraudRuleDto'];

const MATCH_LABELS: Record<FraudRule['match'], MessageKey> = {
  cidr: 'matchCidr',
  country: 'matchCountry',
  prefix: 'matchPrefix',
  number: 'matchNumber',
};

/**
 * The pumping defence's allow and deny rules: the configuration's (read-only) and the admins',
 * which operators and owners add and delete here. The form shows the service's own messages
 * under the field they are about; viewers see the table only.
 */
export function FraudRulesTab() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewRule>();
  const rules = useLoad(() => ok(api.GET('/v1/admin/fraud/rules')), []);

  const add = async (values: NewRule) => {
    try {
      await ok(api.POST('/v1/admin/fraud/rules', { body: values }));
      void message.success(t('saved'));
      form.resetFields();
      rules.reload();
    } catch (caught) {
      const fields = ruleFieldErrors(caught);
      if (fields.length > 0) form.setFields(fields);
      else void message.error(caught instanceof Error ? caught.message : String(caught));
    }
  };

  const remove = async (rule: FraudRule) => {
    try {
      await ok(
        api.DELETE('/v1/admin/fraud/rules/{id}', { params: { path: { id: rule.id ?? '' } } }),
      );
      void message.success(t('saved'));
    } catch (caught) {
      void message.error(caught instanceof Error ? caught.message : String(caught));
    }
    rules.reload();
  };

  const by = (rule: FraudRule) =>
    rule.createdBy ?? (rule.createdByKind === 'api-key' ? t('apiKey') : '—');

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rulesApplyWithin')}</Typography.Text>
      {canChange && (
        <Form
          form={form}
          layout="inline"
          aria-label={t('addRule')}
          initialValues={{ kind: 'deny' }}
          onFinish={(values) => void add(values)}
        >
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 110 }}
              options={[
                { value: 'deny', label: t('ruleDeny') },
                { value: 'allow', label: t('ruleAllow') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="value"
            label={t('value')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input placeholder="+86170, CN, 203.0.113.0/24" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="note" label={t('note')}>
            <Input style={{ width: 240 }} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('addRule')}
          </Button>
        </Form>
      )}
      <Table<FraudRule>
        rowKey={(rule) => rule.id ?? `${rule.kind}:${rule.value}`}
        size="small"
        loading={rules.loading}
        dataSource={rules.data?.items}
        pagination={false}
        columns={[
          {
            title: t('ruleSource'),
            dataIndex: 'source',
            render: (source: FraudRule['source']) =>
              source === 'config' ? (
                <Tag>{t('fromConfig')}</Tag>
              ) : (
                <Tag color="blue">{t('fromAdmin')}</Tag>
              ),
          },
          {
            title: t('kind'),
            dataIndex: 'kind',
            render: (kind: FraudRule['kind']) =>
              kind === 'deny' ? (
                <Tag color="red">{t('ruleDeny')}</Tag>
              ) : (
                <Tag color="green">{t('ruleAllow')}</Tag>
              ),
          },
          {
            title: t('ruleMatch'),
            render: (_, rule) => (
              <Space size="small">
                <Typography.Text type="secondary">{t(MATCH_LABELS[rule.match])}</Typography.Text>
                <Typography.Text code>{rule.value}</Typography.Text>
              </Space>
            ),
          },
          { title: t('note'), dataIndex: 'note' },
          { title: t('createdBy'), render: (_, rule) => by(rule) },
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          ...(canChange
            ? [
                {
                  title: t('actions'),
                  render: (_: unknown, rule: FraudRule) =>
                    rule.source === 'admin' ? (
                      <Popconfirm
                        title={t('deleteRuleConfirm')}
                        onConfirm={() => void remove(rule)}
                      >
                        <Button
                          size="small"
                          type="link"
                          danger
                          aria-label={`${t('deleteRule')} ${rule.kind} ${rule.value}`}
                        >
                          {t('deleteRule')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
