import type { OutgoingSms, SmsBatchCapability } from './sms-provider';

/**
 * The caller's side of `sendBatch`: 1..maxRecipients messages, one template and, when the
 * provider sends one content to all, one signature and one set of variables. Breaking it is a
 * programming error in the caller (it groups the messages), so it throws.
 */
export function assertBatchFits(
  messages: readonly OutgoingSms[],
  batch: SmsBatchCapability,
  provider: string,
): void {
  if (messages.length === 0 || messages.length > batch.maxRecipients) {
    throw new Error(`${provider} batches take 1 to ${batch.maxRecipients} messages`);
  }
  const [first] = messages;
  const templateId = (sms: OutgoingSms): string | undefined =>
    sms.template?.providerTemplateIds[provider];
  const sameContent = (sms: OutgoingSms): boolean =>
    sms.signature === first.signature &&
    JSON.stringify(sms.variables) === JSON.stringify(first.variables);
  if (
    !messages.every(
      (sms) => templateId(sms) === templateId(first) && (!batch.sameVariables || sameContent(sms)),
    )
  ) {
    throw new Error(
      batch.sameVariables
        ? `a ${provider} batch has one template, one signature and one set of variables`
        : `a ${provider} batch has one template`,
    );
  }
}
