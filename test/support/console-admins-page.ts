import type { Page } from 'playwright-core';

type Role = 'owner' | 'operator' | 'viewer';

/** How the Admins page names each role (apps/console/src/i18n/en.ts). */
const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  operator: 'Operator',
  viewer: 'Viewer',
};

/**
 * An owner creates an admin on the console's Admins page (from any page of the console) and
 * waits for its row with its role.
 */
export async function createAdminOnPage(
  page: Page,
  admin: { username: string; password: string; role: Role },
): Promise<void> {
  await page.getByRole('menuitem', { name: 'Admins' }).click();
  await page.getByRole('button', { name: 'New admin' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Username').fill(admin.username);
  await dialog.getByLabel('Password', { exact: true }).fill(admin.password);
  await dialog.getByLabel('Repeat the password').fill(admin.password);
  await dialog.getByLabel('Role').click();
  await page.locator('.ant-select-item-option', { hasText: ROLE_LABELS[admin.role] }).click();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page
    .locator('tr.ant-table-row', { hasText: admin.username })
    .getByText(ROLE_LABELS[admin.role], { exact: true })
    .waitFor();
}
