import { Prisma } from '@app/prisma';

/**
 * The `sms.*` events of message rows, for a write's CTE over its `RETURNING *` (named
 * `rows`): one `type` and one `payload` per row, shaped as the catalogue's SmsEventData.
 * The content is left out, since it may hold a code. `type` decides each row's event type.
 */
export function smsEventRows(rows: string, type: Prisma.Sql): Prisma.Sql {
  const row = Prisma.raw(rows);
  return Prisma.sql`
    SELECT ${type} AS "type",
           jsonb_build_object(
             'messageId', ${row}."id",
             'phone', ${row}."phone",
             'channel', ${row}."channel",
             'purpose', ${row}."purpose",
             'kind', ${row}."kind",
             'templateName', ${row}."template_name",
             'provider', ${row}."provider",
             'providerMessageId', ${row}."provider_message_id",
             'status', ${row}."status",
             'errorCode', ${row}."error_code",
             'segments', ${row}."segments",
             'testNumber', ${row}."test_number"
           ) AS "payload"
      FROM ${row}`;
}
