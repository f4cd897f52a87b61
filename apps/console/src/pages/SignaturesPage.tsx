import { Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { ReviewButtons, ReviewTag, useAction } from './review';
import { MAX_SIGNATURE_LENGTH } from '../../../../libs/delivery/src/templates/template-limits';

type Signature = Schemas['SignatureDto'];
type SignatureForm = Schemas['CreateSignatureDto'];

const TYPES: Signature['type'][] = [
  'company',
  'app',
  'website',
  'public_account',
  'mini_program',
  'trademark',
  'government',
  'other',
];

/** The API's rule: letters (any script) or digits, inner spaces allowed, 2 to 20 of them. */
export const SIGNATURE_CONTENT = new RegExp(
  `^[\\p{L}\\p{N}](?:[\\p{L}\\p{N} ]{0,${MAX_SIGNATURE_LENGTH - 2}}[\\p{L}\\p{N}])$`,
  'u',
);

export function SignaturesPage() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const [editing, setEditing] = useState<Signature | 'new'>();
  const [form] = Form.useForm<SignatureForm>();
  const list = useLoad(
    () => ok(api.GET('/v1/admin/sms/signatures', { params: { query: { pageSize: 100 } } })),
    [],
  );

  const open = (signature: Signature | 'new') => {
    setEditing(signature);
    form.setFieldsValue(
      signature === 'new'
        ? { name: '', content: '', type: 'company', purpose: 'self_use' }
        : { ...signature, qualification: signature.qualification ?? undefined },
    );
  };

  const save = async (values: SignatureForm) => {
    const saved = await act(
      () =>
        editing === 'new' || editing === undefined
          ? ok(api.POST('/v1/admin/sms/signatures', { body: values }))
          : ok(
              api.PATCH('/v1/admin/sms/signatures/{id}', {
                params: { path: { id: editing.id } },
                body: values,
              }),
            ),
      list.reload,
    );
    if (saved) setEditing(undefined);
  };

  return (
    <Card
      title={t('navSignatures')}
      extra={
        <Button type="primary" disabled={!canChange} onClick={() => open('new')}>
          {t('newSignature')}
        </Button>
      }
    >
      <Table<Signature>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          {
            title: t('content'),
            dataIndex: 'content',
            render: (content: string) => `【${content}】`,
          },
          { title: t('type'), dataIndex: 'type' },
          { title: t('purpose'), dataIndex: 'purpose' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (_, row) => (
              <>
                <ReviewTag status={row.status} />
                {row.isDefault && <Tag>default</Tag>}
              </>
            ),
          },
          { title: t('reason'), dataIndex: 'rejectionReason' },
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('actions'),
            render: (_, row) => (
              <>
                <Button size="small" type="link" disabled={!canChange} onClick={() => open(row)}>
                  {t('edit')}
                </Button>
                <ReviewButtons
                  status={row.status}
                  name={row.name}
                  onApprove={() =>
                    act(
                      () =>
                        ok(
                          api.POST('/v1/admin/sms/signatures/{id}/approve', {
                            params: { path: { id: row.id } },
                          }),
                        ),
                      list.reload,
                    )
                  }
                  onReject={(reason) =>
                    act(
                      () =>
                        ok(
                          api.POST('/v1/admin/sms/signatures/{id}/reject', {
                            params: { path: { id: row.id } },
                            body: { reason },
                          }),
                        ),
                      list.reload,
                    )
                  }
                />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        title={editing === 'new' ? t('newSignature') : `${t('edit')}: ${editing?.name ?? ''}`}
        okText={t('save')}
        onCancel={() => setEditing(undefined)}
        onOk={() => void form.validateFields().then(save)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 64 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="content"
            label={t('content')}
            rules={[{ required: true, pattern: SIGNATURE_CONTENT }]}
            extra={`2–${MAX_SIGNATURE_LENGTH}`}
          >
            <Input prefix="【" suffix="】" />
          </Form.Item>
          <Form.Item name="type" label={t('type')} rules={[{ required: true }]}>
            <Select options={TYPES.map((type) => ({ value: type, label: type }))} />
          </Form.Item>
          <Form.Item name="purpose" label={t('purpose')}>
            <Select
              options={[
                { value: 'self_use', label: 'self_use' },
                { value: 'third_party', label: 'third_party' },
              ]}
            />
          </Form.Item>
          <Form.Item name="qualification" label={t('qualification')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
