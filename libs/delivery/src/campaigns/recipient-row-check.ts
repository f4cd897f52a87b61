import { AppError, InvalidParamError } from '@app/common';
import type { PhoneNormalizer } from '@app/phone';
import { countSegments } from '../channels/sms/segments';
import { readCallerVariables } from '../templates/caller-variables';
import type { CampaignMessages, CampaignPlan } from './campaign-messages';
import type { Rejection } from './campaign-recipient.repository';
import type { RecipientFileRow } from './recipient-file';

/** The column that holds the phone number. */
export const PHONE_COLUMN = 'phone';

export interface CheckedRecipient {
  phone: string;
  region: string;
  variables: Record<string, string>;
  segments: number;
}

/**
 * Checks one row as a send would: the phone parsed with the service's rules and allowed
 * regions, each of the template's variables present and within the caller-variable rules,
 * and the rendered message within the length limit. A refusal names the row and the reason.
 */
export function checkRecipientRow(
  row: RecipientFileRow,
  plan: CampaignPlan,
  phones: PhoneNormalizer,
  messages: CampaignMessages,
): CheckedRecipient | Rejection {
  const rawPhone = row.cells.get(PHONE_COLUMN);
  if (rawPhone === undefined) {
    return { rowNumber: row.rowNumber, code: 'PhoneMissing', reason: 'The phone cell is empty' };
  }
  try {
    const phone = phones.normalize(rawPhone);
    const given = Object.fromEntries(
      plan.rowVariables.flatMap((name) => {
        const value = row.cells.get(name);
        return value === undefined ? [] : [[name, value]];
      }),
    );
    const variables = readCallerVariables(given);
    const message = messages.render(plan, variables);
    return {
      phone: phone.e164,
      region: phone.region,
      variables: given,
      segments: countSegments(message.content),
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { rowNumber: row.rowNumber, code: error.code, reason: reasonOf(error), phone: rawPhone };
  }
}

function reasonOf(error: AppError): string {
  if (error instanceof InvalidParamError && error.errors.length > 0) {
    return error.errors.map((field) => `${field.field}: ${field.message}`).join('; ');
  }
  return error.message;
}

export function isRejection(value: CheckedRecipient | Rejection): value is Rejection {
  return 'reason' in value;
}
