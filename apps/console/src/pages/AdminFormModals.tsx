import { App, Form, type FormInstance, Input, Modal, Select } from 'antd';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { adminFieldErrors, usernameRules } from './admin-account-form';
import { useRoleOptions } from './admin-roles';
import { NewPasswordFields } from './NewPasswordFields';

type NewAdmin = Schemas['CreateAdminDto'];
type Account = Schemas['AdminAccountDto'];

interface NewAdminFields extends NewAdmin {
  passwordRepeat: string;
}

/**
 * A form in a modal that sends itself with `submit`: the service's messages go under their
 * fields, any other error is shown as a message with its code, and the modal stays open.
 */
function useSubmit(form: FormInstance) {
  const { message } = App.useApp();
  const { t } = useI18n();
  return async (send: () => Promise<unknown>, done: () => void) => {
    try {
      await send();
      void message.success(t('saved'));
      form.resetFields();
      done();
    } catch (caught) {
      const fields = adminFieldErrors(caught);
      if (fields.length > 0) form.setFields(fields);
      else void message.error(caught instanceof Error ? caught.message : String(caught));
    }
  };
}

/** A form that fails its own rules says so under the fields: nothing more to do. */
const shownUnderFields = () => undefined;

/** Create a named admin: username, password (twice) and role. */
export function NewAdminModal({
  open,
  onClose,
}: {
  open: boolean;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const roles = useRoleOptions();
  const [form] = Form.useForm<NewAdminFields>();
  const submit = useSubmit(form);
  const create = ({ username, password, role }: NewAdminFields) =>
    submit(
      () => ok(api.POST('/v1/admin/accounts', { body: { username, password, role } })),
      () => onClose(true),
    );
  return (
    <Modal
      open={open}
      title={t('newAdmin')}
      okText={t('create')}
      onCancel={() => onClose(false)}
      onOk={() => void form.validateFields().then(create, shownUnderFields)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'operator' }} requiredMark={false}>
        <Form.Item name="username" label={t('username')} rules={usernameRules(t)}>
          <Input autoComplete="off" />
        </Form.Item>
        <NewPasswordFields label={t('password')} />
        <Form.Item
          name="role"
          label={t('role')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Select options={roles} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A new password for `account`; the service ends the account's console sessions. */
export function SetPasswordModal({
  account,
  onClose,
}: {
  account: Account | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ password: string; passwordRepeat: string }>();
  const submit = useSubmit(form);
  const save = ({ password }: { password: string }) =>
    account &&
    submit(
      () =>
        ok(
          api.PUT('/v1/admin/accounts/{id}/password', {
            params: { path: { id: account.id } },
            body: { password },
          }),
        ),
      onClose,
    );
  return (
    <Modal
      open={account !== undefined}
      title={`${t('setPassword')}: ${account?.username ?? ''}`}
      okText={t('save')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then(save, shownUnderFields)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark={false}>
        <NewPasswordFields label={t('newPassword')} extra={t('setPasswordEndsSessions')} />
      </Form>
    </Modal>
  );
}
