import { App, Button, Form, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

export type ReviewStatus = 'pending' | 'approved' | 'rejected';

const STATUS_COLOURS: Record<ReviewStatus, string> = {
  pending: 'gold',
  approved: 'green',
  rejected: 'red',
};

export function ReviewTag({ status }: { status: ReviewStatus }) {
  return <Tag color={STATUS_COLOURS[status]}>{status}</Tag>;
}

/** Runs a change and says how it went; the error shows the service's code. */
export function useAction() {
  const { message } = App.useApp();
  const { t } = useI18n();
  return async (change: () => Promise<unknown>, done?: () => void): Promise<boolean> => {
    try {
      await change();
      void message.success(t('saved'));
      done?.();
      return true;
    } catch (caught) {
      void message.error(caught instanceof Error ? caught.message : String(caught));
      return false;
    }
  };
}

/** Approve, and reject with a reason: what carriers answered about a signature or template. */
export function ReviewButtons({
  status,
  name,
  onApprove,
  onReject,
}: {
  status: ReviewStatus;
  name: string;
  onApprove: () => Promise<unknown>;
  onReject: (reason: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { canChange } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Space>
      <Button
        size="small"
        type="link"
        disabled={!canChange || status === 'approved'}
        aria-label={`${t('approve')} ${name}`}
        onClick={() => void onApprove()}
      >
        {t('approve')}
      </Button>
      <Button
        size="small"
        type="link"
        danger
        disabled={!canChange || status === 'rejected'}
        aria-label={`${t('reject')} ${name}`}
        onClick={() => setRejecting(true)}
      >
        {t('reject')}
      </Button>
      <Modal
        open={rejecting}
        title={`${t('reject')}: ${name}`}
        okText={t('reject')}
        okButtonProps={{ danger: true }}
        onCancel={() => setRejecting(false)}
        onOk={() =>
          void form.validateFields().then(async ({ reason }) => {
            await onReject(reason);
            setRejecting(false);
            form.resetFields();
          })
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('rejectReason')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
