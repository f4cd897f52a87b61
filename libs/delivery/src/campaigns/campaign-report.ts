import { stringify } from 'csv-stringify';
import { Readable, pipeline, PassThrough } from 'node:stream';
import type { CampaignRecipientRepository } from './campaign-recipient.repository';

const PAGE = 2000;

export const REPORT_COLUMNS = [
  'row',
  'phone',
  'status',
  'provider',
  'provider_message_id',
  'error_code',
  'message_id',
];

/**
 * The report of a campaign, one CSV row per recipient in upload order with its final status
 * (the message's, receipts applied; else the recipient's: queued, suppressed, cancelled), read
 * page by page as it streams out.
 */
export function campaignReportCsv(
  recipients: CampaignRecipientRepository,
  campaignId: string,
): Readable {
  async function* rows() {
    for await (const page of recipients.inOrder(campaignId, PAGE)) {
      for (const row of page) {
        yield [
          row.seq,
          row.phone,
          row.messageStatus ??
            (row.status === 'pending' || row.status === 'sending' ? 'queued' : row.status),
          row.provider ?? '',
          row.providerMessageId ?? '',
          row.errorCode ?? '',
          row.messageId,
        ];
      }
    }
  }
  const out = new PassThrough();
  pipeline(
    Readable.from(rows()),
    stringify({ header: true, columns: REPORT_COLUMNS, bom: true }),
    out,
    () => undefined,
  );
  return out;
}
