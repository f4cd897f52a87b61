import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, csrfHeaders, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { campaignActions, campaignPercent } from './campaign-progress';
import { useAction } from './review';

type Campaign = Schemas['CampaignDto'];

const POLL_MS = 2000;

export function CampaignsPage() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const [wizard, setWizard] = useState(false);
  const list = useLoad(
    () => ok(api.GET('/v1/admin/campaigns', { params: { query: { pageSize: 50 } } })),
    [],
  );
  const live = list.data?.items.some((campaign) =>
    ['sending', 'scheduled'].includes(campaign.status),
  );
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(list.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [live, list.reload]);

  const change = (campaign: Campaign, action: 'pause' | 'resume' | 'cancel') =>
    act(() => {
      const params = { params: { path: { id: campaign.id } } };
      switch (action) {
        case 'pause':
          return ok(api.POST('/v1/admin/campaigns/{id}/pause', params));
        case 'resume':
          return ok(api.POST('/v1/admin/campaigns/{id}/resume', params));
        case 'cancel':
          return ok(api.POST('/v1/admin/campaigns/{id}/cancel', params));
      }
    }, list.reload);

  return (
    <Card
      title={t('navCampaigns')}
      extra={
        <Button type="primary" disabled={!canChange} onClick={() => setWizard(true)}>
          {t('newCampaign')}
        </Button>
      }
    >
      <Table<Campaign>
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('template'), dataIndex: 'template' },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (status: string) => <Tag>{status}</Tag>,
          },
          {
            title: t('progress'),
            render: (_, row) => (
              <Progress
                percent={campaignPercent(row)}
                size="small"
                aria-label={`${row.name} progress`}
              />
            ),
          },
          { title: t('recipients'), render: (_, row) => row.recipients.accepted },
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('actions'),
            render: (_, row) => (
              <Space>
                {campaignActions(row.status).map((action) => (
                  <Button
                    key={action}
                    size="small"
                    type="link"
                    danger={action === 'cancel'}
                    disabled={!canChange}
                    onClick={() => void change(row, action)}
                  >
                    {t(action)}
                  </Button>
                ))}
                {row.status !== 'draft' && (
                  <a href={`/v1/admin/campaigns/${row.id}/report.csv`} download>
                    {t('report')}
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
      {wizard && (
        <CampaignWizard
          onClose={() => {
            setWizard(false);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}

interface DetailsForm {
  name: string;
  kind: 'marketing' | 'notification';
  template: string;
  signature?: string;
  scheduledAt?: Dayjs;
}

/** Details, recipients (form download, upload), preview with totals and cost, confirm. */
function CampaignWizard({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const act = useAction();
  const [step, setStep] = useState(0);
  const [campaign, setCampaign] = useState<Campaign>();
  const [uploaded, setUploaded] = useState<Schemas['RecipientReportDto']>();
  const [preview, setPreview] = useState<Schemas['CampaignPreviewDto']>();
  const [form] = Form.useForm<DetailsForm>();
  const templates = useLoad(
    () =>
      ok(
        api.GET('/v1/admin/sms/templates', {
          params: { query: { status: 'approved', pageSize: 100 } },
        }),
      ),
    [],
  );
  const signatures = useLoad(
    () =>
      ok(
        api.GET('/v1/admin/sms/signatures', {
          params: { query: { status: 'approved', pageSize: 100 } },
        }),
      ),
    [],
  );

  const create = async (values: DetailsForm) => {
    await act(async () => {
      const created = await ok(
        api.POST('/v1/admin/campaigns', {
          body: {
            name: values.name,
            kind: values.kind,
            template: values.template,
            signature: values.signature,
            scheduledAt: values.scheduledAt?.toISOString(),
          },
        }),
      );
      setCampaign(created);
      setStep(1);
    });
  };

  const loadPreview = async () => {
    if (!campaign) return;
    await act(async () => {
      setPreview(
        await ok(
          api.GET('/v1/admin/campaigns/{id}/preview', {
            params: { path: { id: campaign.id } },
          }),
        ),
      );
      setStep(2);
    });
  };

  const confirm = async () => {
    if (!campaign) return;
    const done = await act(() =>
      ok(api.POST('/v1/admin/campaigns/{id}/confirm', { params: { path: { id: campaign.id } } })),
    );
    if (done) onClose();
  };

  return (
    <Modal open width={860} title={t('newCampaign')} footer={null} onCancel={onClose}>
      <Steps
        current={step}
        items={[
          { title: t('campaignDetails') },
          { title: t('recipients') },
          { title: t('preview') },
        ]}
        className="page-toolbar"
      />
      {step === 0 && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'marketing' }}
          onFinish={(values) => void create(values)}
        >
          <Form.Item name="name" label={t('name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('kind')} rules={[{ required: true }]}>
            <Select
              options={['marketing', 'notification'].map((kind) => ({ value: kind, label: kind }))}
            />
          </Form.Item>
          <Form.Item name="template" label={t('template')} rules={[{ required: true }]}>
            <Select
              options={(templates.data?.items ?? [])
                .filter((template) => template.kind !== 'verification')
                .map((template) => ({
                  value: template.name,
                  label: `${template.name} (${template.locale})`,
                }))}
            />
          </Form.Item>
          <Form.Item name="signature" label={t('signature')}>
            <Select
              allowClear
              options={(signatures.data?.items ?? []).map((signature) => ({
                value: signature.name,
                label: `${signature.name} 【${signature.content}】`,
              }))}
            />
          </Form.Item>
          <Form.Item name="scheduledAt" label={t('schedule')}>
            <DatePicker showTime />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('next')}
          </Button>
        </Form>
      )}
      {step === 1 && campaign && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space>
            <a href={`/v1/admin/campaigns/${campaign.id}/recipients/template.csv`} download>
              {t('recipientForm')} (CSV)
            </a>
            <a href={`/v1/admin/campaigns/${campaign.id}/recipients/template.xlsx`} download>
              {t('recipientForm')} (XLSX)
            </a>
          </Space>
          <Upload
            name="file"
            action={`/v1/admin/campaigns/${campaign.id}/recipients`}
            headers={csrfHeaders()}
            withCredentials
            accept=".csv,.xlsx"
            maxCount={1}
            onChange={({ file }) => {
              // The campaign's recipients so far, with every rejected row of its uploads.
              if (file.status === 'done') {
                void ok(
                  api.GET('/v1/admin/campaigns/{id}/recipients/report', {
                    params: { path: { id: campaign.id } },
                  }),
                ).then(setUploaded);
              }
              if (file.status === 'error') setUploaded(undefined);
            }}
          >
            <Button icon={<UploadOutlined />}>{t('uploadRecipients')}</Button>
          </Upload>
          {uploaded && (
            <>
              <Descriptions size="small" bordered column={4} data-testid="upload-counts">
                <Descriptions.Item label={t('accepted')}>{uploaded.accepted}</Descriptions.Item>
                <Descriptions.Item label={t('duplicate')}>{uploaded.duplicate}</Descriptions.Item>
                <Descriptions.Item label={t('suppressed')}>{uploaded.suppressed}</Descriptions.Item>
                <Descriptions.Item label={t('rejected')}>{uploaded.rejected}</Descriptions.Item>
              </Descriptions>
              {uploaded.rejectedRows.length > 0 && (
                <Table
                  size="small"
                  rowKey={(rejected) => `${rejected.upload}-${rejected.rowNumber}`}
                  title={() => t('rejectedRows')}
                  pagination={false}
                  dataSource={uploaded.rejectedRows}
                  columns={[
                    { title: '#', dataIndex: 'rowNumber' },
                    { title: t('phone'), dataIndex: 'phone' },
                    { title: t('error'), dataIndex: 'code' },
                    { title: t('reason'), dataIndex: 'reason' },
                  ]}
                />
              )}
            </>
          )}
          <Button
            type="primary"
            disabled={!uploaded || uploaded.accepted === 0}
            onClick={() => void loadPreview()}
          >
            {t('next')}
          </Button>
        </Space>
      )}
      {step === 2 && preview && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="info" title={preview.phone} description={preview.content} />
          <Descriptions size="small" bordered column={2} data-testid="campaign-totals">
            <Descriptions.Item label={t('recipients')}>{preview.recipients}</Descriptions.Item>
            <Descriptions.Item label={t('segments')}>{preview.totalSegments}</Descriptions.Item>
            <Descriptions.Item label={t('cost')} span={2}>
              {preview.estimatedCost
                ? `${preview.estimatedCost.amount} ${preview.estimatedCost.currency}`
                : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Button type="primary" onClick={() => void confirm()}>
            {t('confirm')}
          </Button>
        </Space>
      )}
    </Modal>
  );
}
