import { Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { useAction } from './review';

type Suppression = Schemas['SuppressionDto'];

/** Numbers that get no marketing message of a signature (opted out, or added here). */
export function SuppressionsPage() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const [phone, setPhone] = useState<string>();
  const [form] = Form.useForm<Schemas['AddSuppressionDto']>();
  const list = useLoad(
    () =>
      ok(
        api.GET('/v1/admin/sms/suppressions', {
          params: { query: { pageSize: 100, phone: phone || undefined } },
        }),
      ),
    [phone],
  );
  const signatures = useLoad(
    () => ok(api.GET('/v1/admin/sms/signatures', { params: { query: { pageSize: 100 } } })),
    [],
  );

  return (
    <Card title={t('navSuppressions')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Form
          form={form}
          layout="inline"
          disabled={!canChange}
          onFinish={(values) =>
            void act(
              () => ok(api.POST('/v1/admin/sms/suppressions', { body: values })),
              () => {
                form.resetFields();
                list.reload();
              },
            )
          }
        >
          <Form.Item name="signature" label={t('signature')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              options={(signatures.data?.items ?? []).map((signature) => ({
                value: signature.name,
                label: `${signature.name} 【${signature.content}】`,
              }))}
            />
          </Form.Item>
          <Form.Item name="phone" label={t('phone')} rules={[{ required: true }]}>
            <Input placeholder="+8613800138000" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('suppress')}
          </Button>
        </Form>
        <Input.Search
          placeholder={t('phone')}
          allowClear
          onSearch={(value) => setPhone(value)}
          style={{ maxWidth: 320 }}
          aria-label={`${t('search')} ${t('phone')}`}
        />
        <Table<Suppression>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items}
          pagination={false}
          columns={[
            { title: t('phone'), dataIndex: 'phone' },
            { title: t('signature'), dataIndex: 'signature' },
            {
              title: t('reason'),
              dataIndex: 'reason',
              render: (reason: string) => <Tag>{reason}</Tag>,
            },
            { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
            {
              title: t('actions'),
              render: (_, row) => (
                <Popconfirm
                  title={`${t('remove')} ${row.phone}?`}
                  onConfirm={() =>
                    void act(
                      () =>
                        ok(
                          api.DELETE('/v1/admin/sms/suppressions/{id}', {
                            params: { path: { id: row.id } },
                          }),
                        ),
                      list.reload,
                    )
                  }
                >
                  <Button size="small" type="link" danger disabled={!canChange}>
                    {t('remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
