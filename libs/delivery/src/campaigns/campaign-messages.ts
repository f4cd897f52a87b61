import { Injectable } from '@nestjs/common';
import type { SmsCampaign, SmsTemplate } from '@app/prisma';
import { NormalizedPhone } from '@app/phone';
import {
  SignatureNotApprovedError,
  SignatureNotFoundError,
  TemplateNotApprovedError,
  TemplateNotFoundError,
} from '../catalog.errors';
import type { OutgoingSms } from '../providers/sms-provider';
import { ChosenSignature, MessageComposer, MessagePlan } from '../sending/message-composer';
import { outgoingMessage } from '../sending/outgoing-message';
import type { SendRecordContext } from '../sending/sms-sender.service';
import type { RenderedMessage } from '../templates/message-renderer';
import { SmsSignatureRepository } from '../signatures/sms-signature.repository';
import { SmsTemplateRepository } from '../templates/sms-template.repository';
import { isSystemVariable } from '../templates/template-limits';

/** A campaign's template, ready to render a row. */
export interface CampaignPlan {
  plan: MessagePlan;
  /** The variables each row brings (the template's, less the system ones), in order. */
  rowVariables: string[];
}

/** Renders a campaign's rows with its template and signature, as a single send would. */
@Injectable()
export class CampaignMessages {
  constructor(
    private readonly templates: SmsTemplateRepository,
    private readonly signatures: SmsSignatureRepository,
    private readonly composer: MessageComposer,
  ) {}

  /** The campaign's template as it is now: it must still be approved. */
  async planOf(
    campaign: Pick<SmsCampaign, 'templateName' | 'kind' | 'locale' | 'signature' | 'signatureId'>,
  ) {
    const template = await this.templateOf(campaign);
    return this.planFrom(template, {
      id: campaign.signatureId ?? undefined,
      content: campaign.signature,
    });
  }

  async templateOf(
    campaign: Pick<SmsCampaign, 'templateName' | 'kind' | 'locale'>,
  ): Promise<SmsTemplate> {
    const named = await this.templates.named(campaign.templateName, [campaign.kind]);
    const template = named.find((candidate) => candidate.locale === campaign.locale);
    if (template === undefined) {
      throw new TemplateNotFoundError(
        `No ${campaign.kind} template named ${campaign.templateName}`,
      );
    }
    if (template.status !== 'approved') {
      throw new TemplateNotApprovedError(`Template ${campaign.templateName} is not approved`);
    }
    return template;
  }

  /**
   * The campaign's signature must still be approved: one withdrawn or rejected since the
   * campaign was made sends nothing. A campaign without one signs with the app's name.
   */
  async checkSignature(campaign: Pick<SmsCampaign, 'signatureId' | 'signature'>): Promise<void> {
    if (campaign.signatureId === null) return;
    const signature = await this.signatures.findById(campaign.signatureId);
    if (signature === null) {
      throw new SignatureNotFoundError(`The signature ${campaign.signature} was deleted`);
    }
    if (signature.status !== 'approved') {
      throw new SignatureNotApprovedError(`Signature ${signature.name} is not approved`);
    }
  }

  planFrom(template: SmsTemplate, signature: ChosenSignature): CampaignPlan {
    const plan = this.composer.planFromTemplate(template, signature, new Map());
    const rowVariables = plan.template.variables.filter((name) => !isSystemVariable(name));
    return { plan, rowVariables: [...new Set(rowVariables)] };
  }

  render(plan: CampaignPlan, variables: ReadonlyMap<string, string>): RenderedMessage {
    return this.composer.render({ ...plan.plan, variables }, undefined);
  }

  /** The message of one recipient, as the sender takes it. */
  outgoing(
    campaign: Pick<SmsCampaign, 'id'>,
    plan: CampaignPlan,
    recipient: { messageId: string; phone: string; region: string; variables: unknown },
  ): { sms: OutgoingSms; context: SendRecordContext } {
    const variables = new Map(Object.entries(recipient.variables as Record<string, string>));
    const message = this.render(plan, variables);
    const phone: NormalizedPhone = { e164: recipient.phone, region: recipient.region };
    return outgoingMessage({
      id: recipient.messageId,
      phone,
      purpose: plan.plan.managed?.purpose ?? plan.plan.kind,
      plan: plan.plan,
      message,
      recordedContent: message.content,
    });
  }
}
