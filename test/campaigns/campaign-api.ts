import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import type { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';

type Body = Record<string, unknown>;

/** A campaign as GET /v1/admin/campaigns/{id} shows it. */
export interface CampaignView {
  id: string;
  status: string;
  recipients: { accepted: number; duplicate: number; suppressed: number; rejected: number };
  progress?: Record<string, number> & {
    byProvider: Array<{ provider: string; status: string; count: number }>;
  };
  [field: string]: unknown;
}

export async function createCampaign(admin: AdminApi, fields: Body): Promise<CampaignView> {
  const response = await admin.post('/v1/admin/campaigns', fields).expect(201);
  return response.body as CampaignView;
}

/** A CSV of `rows` (the first is the header). */
export function csvOf(rows: ReadonlyArray<readonly string[]>): Buffer {
  return Buffer.from(rows.map((row) => row.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** An XLSX workbook of `rows` on its first sheet (and a second sheet that must be ignored). */
export async function xlsxOf(rows: ReadonlyArray<ReadonlyArray<string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('list').addRows(rows.map((row) => [...row]));
  workbook.addWorksheet('notes').addRows([['phone'], ['+8613900000000']]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a recipient file through the multipart route. */
export function upload(service: TestApp, campaignId: string, file: Buffer, filename: string) {
  return service
    .http()
    .post(`/v1/admin/campaigns/${campaignId}/recipients`)
    .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
    .attach('file', file, filename);
}

/** Polls the campaign until `done` holds for it (or fails after `timeoutMs`). */
export async function campaignWhen(
  admin: AdminApi,
  id: string,
  done: (campaign: CampaignView) => boolean,
  timeoutMs = 20_000,
): Promise<CampaignView> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const response = await admin.get(`/v1/admin/campaigns/${id}`).expect(200);
    const campaign = response.body as CampaignView;
    if (done(campaign)) return campaign;
    if (performance.now() > deadline) {
      throw new Error(`Campaign ${id} never got there: ${JSON.stringify(campaign)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Sends `rows` (phone, order) as one campaign of the `shipped` notification template signed
 * `main` (the ProviderFixture's catalogue), and answers it once it completes.
 */
export async function sendShippedCampaign(
  service: TestApp,
  rows: Array<[string, string]>,
): Promise<CampaignView> {
  const admin = adminApi(service);
  const campaign = await createCampaign(admin, {
    name: 'batch',
    kind: 'notification',
    template: 'shipped',
    signature: 'main',
  });
  const list = csvOf([['phone', 'order'], ...rows]);
  await upload(service, campaign.id, list, 'list.csv').expect(201);
  await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
  return campaignWhen(admin, campaign.id, (c) => c.status === 'completed');
}

/** The marketing template both marketing suites send, with its opt-out text. */
export const SALE_TEMPLATE = '{{surname}}您好，春节特惠全场八折，拒收请回复R';

/**
 * Starts the service for a marketing suite on `databaseUrl`, sending through `receiver` (the
 * webhook provider), with the `shop` signature (示例商城) and the `sale` template approved.
 */
export async function startMarketingService(
  receiver: WebhookReceiver,
  databaseUrl: string,
): Promise<{ service: TestApp; admin: AdminApi }> {
  const service = await startTestApp({ ...receiver.settings, DATABASE_URL: databaseUrl });
  const admin = adminApi(service);
  await approvedSignature(admin, { name: 'shop', content: '示例商城' });
  await approvedTemplate(admin, { name: 'sale', kind: 'marketing', content: SALE_TEMPLATE });
  return { service, admin };
}
