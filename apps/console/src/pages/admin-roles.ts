import type { Schemas } from '../api/client';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';

export type Role = Schemas['AdminAccountDto']['role'];

/** Every role, most powerful first, with its label. */
const ROLE_LABELS: Record<Role, MessageKey> = {
  owner: 'roleOwner',
  operator: 'roleOperator',
  viewer: 'roleViewer',
};

export function useRoleOptions(): Array<{ value: Role; label: string }> {
  const { t } = useI18n();
  return (Object.keys(ROLE_LABELS) as Role[]).map((role) => ({
    value: role,
    label: t(ROLE_LABELS[role]),
  }));
}
