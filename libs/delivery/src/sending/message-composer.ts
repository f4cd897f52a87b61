import { Injectable } from '@nestjs/common';
import { InvalidParamError } from '@app/common';
import { AppConfigService } from '@app/config';
import type { SmsTemplate, SmsTemplateKind } from '@app/prisma';
import { SmsSignatureRepository } from '../signatures/sms-signature.repository';
import {
  SignatureNotApprovedError,
  SignatureNotFoundError,
  TemplateNotApprovedError,
  TemplateNotFoundError,
} from '../catalog.errors';
import type { Channel, MessageChannel } from '../channels/channel';
import { channelFor } from '../channels/channels';
import { renderMessage, RenderedMessage } from '../templates/message-renderer';
import { SmsCatalogCache } from '../templates/sms-catalog-cache';
import { ProviderTemplateIds, readProviderTemplateIds } from '../templates/provider-template-ids';
import { SmsTemplateRepository } from '../templates/sms-template.repository';
import { localeCandidates, normalizeLocale, pickByLocale } from '../templates/template-locale';
import { ParsedTemplate, parseTemplate } from '../templates/template-syntax';
import {
  BUILT_IN_TEMPLATE_NAME,
  BUILT_IN_VERIFICATION_TEMPLATE,
  BUILT_IN_VOICE_VERIFICATION_TEMPLATE,
} from './default-template';

/** What the sender asked for; names refer to the catalogue. Null counts as not given. */
export interface MessageRequest {
  /** ISO region of the phone, for the locale. */
  region: string;
  locale?: string | null;
  template?: string | null;
  signature?: string | null;
  /** Caller variables, already checked (`readCallerVariables`). */
  variables: ReadonlyMap<string, string>;
}

/** A template and signature chosen for one message, ready to render. */
export interface MessagePlan {
  kind: SmsTemplateKind;
  /** The template's channel: the form of the message (the SMS signature) and its billing. */
  channel: Channel;
  template: ParsedTemplate;
  /** The managed template; absent for the built-in verification text. */
  managed?: {
    name: string;
    purpose: string;
    locale: string;
    providerTemplateIds: ProviderTemplateIds;
  };
  signature: string;
  /** The catalogue signature's id; absent for APP_NAME while none is approved. */
  signatureId?: string;
  variables: ReadonlyMap<string, string>;
}

export interface ChosenSignature {
  id?: string;
  content: string;
}

const PARSED_CACHE_SIZE = 256;

/**
 * Chooses the approved template and signature for a message and renders it. Templates are
 * chosen by name when given, else (verification codes) by purpose; among locales, by the
 * request's `locale`, then the phone's region, then SMS_DEFAULT_LOCALE. Signatures by name
 * when given, else the default one, else APP_NAME while none is approved.
 */
@Injectable()
export class MessageComposer {
  private readonly appName: string;
  private readonly defaultLocale: string;
  private readonly parsed = new Map<string, ParsedTemplate>();

  constructor(
    private readonly templates: SmsTemplateRepository,
    private readonly signatures: SmsSignatureRepository,
    private readonly catalog: SmsCatalogCache,
    config: AppConfigService,
  ) {
    this.appName = config.get('APP_NAME');
    this.defaultLocale = config.get('SMS_DEFAULT_LOCALE');
  }

  /**
   * A verification code's message on a channel: the named template, or the purpose's, or the
   * built-in one. Only templates of that channel are looked at (a voice code never reads an SMS
   * template out); the signature is chosen all the same (the record keeps it; voice omits it).
   */
  async planVerification(
    purpose: string,
    request: MessageRequest,
    channelId: MessageChannel = 'sms',
  ): Promise<MessagePlan> {
    const candidates = this.localesFor(request);
    const [template, signature] = await Promise.all([
      request.template == null
        ? this.catalog
            .get(`verification:${channelId}:${purpose}`, () =>
              this.templates.approvedVerification(purpose, channelId),
            )
            .then((approved) => pickByLocale(approved, candidates))
        : this.namedTemplate(request.template, ['verification'], candidates, channelId),
      this.signatureFor(request.signature),
    ]);
    return template === undefined
      ? {
          kind: 'verification',
          channel: channelFor(channelId),
          template:
            channelId === 'voice'
              ? BUILT_IN_VOICE_VERIFICATION_TEMPLATE
              : BUILT_IN_VERIFICATION_TEMPLATE,
          signature: signature.content,
          signatureId: signature.id,
          variables: request.variables,
        }
      : this.planOf(template, signature, request.variables);
  }

  /** A notification or marketing message: always a named template. */
  async planNotification(request: MessageRequest & { template: string }): Promise<MessagePlan> {
    const candidates = this.localesFor(request);
    const [template, signature] = await Promise.all([
      this.namedTemplate(request.template, ['notification', 'marketing'], candidates),
      this.signatureFor(request.signature),
    ]);
    return this.planOf(template, signature, request.variables);
  }

  /** A campaign's message: its template and signature were chosen when it was created. */
  planFromTemplate(
    template: SmsTemplate,
    signature: ChosenSignature,
    variables: ReadonlyMap<string, string>,
  ): MessagePlan {
    return this.planOf(template, signature, variables);
  }

  /** Fills the plan's template; `code` and `ttl` for verification messages. */
  render(
    plan: MessagePlan,
    codeVariables: { code: string; ttl: string } | undefined,
  ): RenderedMessage {
    const system = new Map([
      ['name', this.appName],
      ['sign', plan.signature],
      ['template', plan.managed?.name ?? BUILT_IN_TEMPLATE_NAME],
      ...(codeVariables === undefined ? [] : Object.entries(codeVariables)),
    ]);
    return renderMessage(plan.template, {
      channel: plan.channel,
      signature: plan.signature,
      system,
      caller: plan.variables,
    });
  }

  private localesFor(request: MessageRequest): string[] {
    let requested: string | undefined;
    if (request.locale != null) {
      requested = normalizeLocale(request.locale);
      if (requested === undefined) {
        throw new InvalidParamError('Invalid parameters: locale', [
          { field: 'locale', message: 'locale must be a language tag such as zh-CN or en' },
        ]);
      }
    }
    return localeCandidates(requested, request.region, this.defaultLocale);
  }

  private async namedTemplate(
    name: string,
    kinds: SmsTemplateKind[],
    candidates: string[],
    channel: MessageChannel = 'sms',
  ): Promise<SmsTemplate> {
    const named = await this.catalog.get(`template:${channel}:${kinds.join(',')}:${name}`, () =>
      this.templates.named(name, kinds, channel),
    );
    if (named.length === 0) {
      const what = channel === 'sms' ? kinds.join(' or ') : `${channel} ${kinds.join(' or ')}`;
      throw new TemplateNotFoundError(`No ${what} template named ${name}`);
    }
    const approved = pickByLocale(
      named.filter((template) => template.status === 'approved'),
      candidates,
    );
    if (approved === undefined)
      throw new TemplateNotApprovedError(`Template ${name} is not approved`);
    return approved;
  }

  private async signatureFor(name: string | null | undefined): Promise<ChosenSignature> {
    if (name == null) {
      const byDefault = await this.catalog.get('signature', () => this.signatures.findDefault());
      return byDefault ?? { content: this.appName };
    }
    const signature = await this.catalog.get(`signature:${name}`, () =>
      this.signatures.findByName(name),
    );
    if (signature === null) throw new SignatureNotFoundError(`No signature named ${name}`);
    if (signature.status !== 'approved') {
      throw new SignatureNotApprovedError(`Signature ${name} is not approved`);
    }
    return signature;
  }

  private planOf(
    template: SmsTemplate,
    signature: ChosenSignature,
    variables: ReadonlyMap<string, string>,
  ): MessagePlan {
    return {
      kind: template.kind,
      channel: channelFor(template.channel),
      template: this.parse(template.content),
      managed: {
        name: template.name,
        purpose: template.purpose,
        locale: template.locale,
        providerTemplateIds: readProviderTemplateIds(template.providerTemplateIds),
      },
      signature: signature.content,
      signatureId: signature.id,
      variables,
    };
  }

  /** Parsing is cheap but not free; the catalogue is small, so parsed content is kept. */
  private parse(content: string): ParsedTemplate {
    let template = this.parsed.get(content);
    if (template === undefined) {
      if (this.parsed.size >= PARSED_CACHE_SIZE) this.parsed.clear();
      template = parseTemplate(content);
      this.parsed.set(content, template);
    }
    return template;
  }
}
