import { Button, Card, Col, Form, Input, Modal, Row, Select, Table } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { ReviewButtons, ReviewTag, useAction } from './review';
import { TemplatePreviewCard } from './TemplatePreviewCard';
import { previewTemplate } from './template-preview';

type Template = Schemas['TemplateDto'];
type TemplateForm = Schemas['CreateTemplateDto'];

const KINDS: Template['kind'][] = ['verification', 'notification', 'marketing'];

export function TemplatesPage() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const [editing, setEditing] = useState<Template | 'new'>();
  const [testing, setTesting] = useState<Template>();
  const [form] = Form.useForm<TemplateForm>();
  const content = Form.useWatch('content', form) ?? '';
  const [previewSignature, setPreviewSignature] = useState<string>();
  const list = useLoad(
    () => ok(api.GET('/v1/admin/sms/templates', { params: { query: { pageSize: 100 } } })),
    [],
  );
  const signatures = useLoad(
    () => ok(api.GET('/v1/admin/sms/signatures', { params: { query: { pageSize: 100 } } })),
    [],
  );
  const signatureNames = (signatures.data?.items ?? []).map((signature) => signature.content);
  const shownSignature = previewSignature ?? signatureNames[0] ?? '签名';

  const open = (template: Template | 'new') => {
    setEditing(template);
    form.setFieldsValue(
      template === 'new'
        ? { name: '', kind: 'notification', channel: 'sms', content: '' }
        : { ...template },
    );
  };

  const save = async (values: TemplateForm) => {
    const saved = await act(
      () =>
        editing === 'new' || editing === undefined
          ? ok(api.POST('/v1/admin/sms/templates', { body: values }))
          : ok(
              api.PATCH('/v1/admin/sms/templates/{id}', {
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
      title={t('navTemplates')}
      extra={
        <Button type="primary" disabled={!canChange} onClick={() => open('new')}>
          {t('newTemplate')}
        </Button>
      }
    >
      <Table<Template>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('kind'), dataIndex: 'kind' },
          { title: t('channel'), dataIndex: 'channel' },
          { title: t('locale'), dataIndex: 'locale' },
          { title: t('content'), dataIndex: 'content', ellipsis: true },
          {
            title: t('segments'),
            render: (_, row) =>
              previewTemplate(row.content, { signature: shownSignature, appName: 'App' }).segments,
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (_, row) => <ReviewTag status={row.status} />,
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
                          api.POST('/v1/admin/sms/templates/{id}/approve', {
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
                          api.POST('/v1/admin/sms/templates/{id}/reject', {
                            params: { path: { id: row.id } },
                            body: { reason },
                          }),
                        ),
                      list.reload,
                    )
                  }
                />
                {row.kind !== 'verification' && row.status === 'approved' && (
                  <Button
                    size="small"
                    type="link"
                    disabled={!canChange}
                    onClick={() => setTesting(row)}
                  >
                    {t('sendTest')}
                  </Button>
                )}
              </>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== undefined}
        width={900}
        title={editing === 'new' ? t('newTemplate') : `${t('edit')}: ${editing?.name ?? ''}`}
        okText={t('save')}
        onCancel={() => setEditing(undefined)}
        onOk={() => void form.validateFields().then(save)}
        forceRender
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form form={form} layout="vertical">
              <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 64 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
                <Select options={KINDS.map((kind) => ({ value: kind, label: kind }))} />
              </Form.Item>
              <Form.Item name="channel" label={t('channel')}>
                <Select
                  options={['sms', 'voice'].map((channel) => ({ value: channel, label: channel }))}
                />
              </Form.Item>
              <Form.Item name="purpose" label={t('purpose')}>
                <Input placeholder="general" />
              </Form.Item>
              <Form.Item name="locale" label={t('locale')}>
                <Input placeholder="zh-CN" />
              </Form.Item>
              <Form.Item name="content" label={t('content')} rules={[{ required: true, max: 500 }]}>
                <Input.TextArea rows={4} />
              </Form.Item>
            </Form>
          </Col>
          <Col span={10}>
            <TemplatePreviewCard
              content={content}
              signatures={signatureNames}
              signature={shownSignature}
              onSignature={setPreviewSignature}
            />
          </Col>
        </Row>
      </Modal>
      <TestMessageModal
        template={testing}
        signatures={signatures.data?.items ?? []}
        onClose={() => setTesting(undefined)}
      />
    </Card>
  );
}

interface TestMessageForm {
  phone: string;
  signature?: string;
  variables: Record<string, string>;
}

/** Queues one message of an approved notification or marketing template. */
function TestMessageModal({
  template,
  signatures,
  onClose,
}: {
  template: Template | undefined;
  signatures: Schemas['SignatureDto'][];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const act = useAction();
  const [form] = Form.useForm<TestMessageForm>();
  const callerVariables = template
    ? previewTemplate(template.content, { signature: '', appName: '' }).callerVariables
    : [];
  const send = async (values: TestMessageForm) => {
    if (!template) return;
    const sent = await act(() =>
      ok(
        api.POST('/v1/admin/sms/messages', {
          body: {
            phone: values.phone,
            template: template.name,
            signature: values.signature,
            locale: template.locale,
            variables: values.variables,
          },
        }),
      ),
    );
    if (sent) {
      form.resetFields();
      onClose();
    }
  };
  return (
    <Modal
      open={template !== undefined}
      title={`${t('sendTest')}: ${template?.name ?? ''}`}
      okText={t('send')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(send)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="phone" label={t('phone')} rules={[{ required: true }]}>
          <Input placeholder="+8613800138000" />
        </Form.Item>
        <Form.Item name="signature" label={t('signature')}>
          <Select
            allowClear
            options={signatures
              .filter((signature) => signature.status === 'approved')
              .map((signature) => ({
                value: signature.name,
                label: `${signature.name} 【${signature.content}】`,
              }))}
          />
        </Form.Item>
        {callerVariables.map((name) => (
          <Form.Item
            key={name}
            name={['variables', name]}
            label={name}
            rules={[{ required: true, max: 35 }]}
          >
            <Input />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
