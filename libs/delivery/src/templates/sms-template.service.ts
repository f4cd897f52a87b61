import { Injectable } from '@nestjs/common';
import { InvalidParamError } from '@app/common';
import { AppConfigService } from '@app/config';
import { MessageChannel, Prisma, PrismaService, SmsTemplate, SmsTemplateKind } from '@app/prisma';
import { Db, inCatalogTransaction, isUniqueViolation } from '../catalog-transaction';
import type { Page } from '../records/sms-message.repository';
import {
  TemplateInUseError,
  TemplateNameTakenError,
  TemplateNotFoundError,
} from '../catalog.errors';
import { SMS_PURPOSES } from './message-purposes';
import type {
  CreateTemplateDto,
  ListTemplatesQueryDto,
  UpdateTemplateDto,
} from './dto/template.dto';
import { readProviderTemplateIds } from './provider-template-ids';
import { SmsCatalogCache } from './sms-catalog-cache';
import { SmsTemplateRepository } from './sms-template.repository';
import { normalizeLocale } from './template-locale';
import { checkTemplateContent } from './template-rules';

const DEFAULT_LABEL = 'general';

interface TemplateFields {
  name: string;
  kind: SmsTemplateKind;
  channel: MessageChannel;
  purpose: string;
  locale: string;
  content: string;
}

type TemplateDraftFields = Omit<TemplateFields, 'purpose' | 'locale'> & {
  purpose?: string;
  locale?: string;
};

/**
 * The template catalogue and its review life cycle. Content is checked on every save; editing
 * an approved template's content or kind puts it back to `pending`. A verification template
 * cannot be deleted while it is the only approved one for its purpose.
 */
@Injectable()
export class SmsTemplateService {
  private readonly appName: string;
  private readonly defaultLocale: string;

  constructor(
    private readonly prisma: PrismaService,
    private readonly templates: SmsTemplateRepository,
    private readonly catalog: SmsCatalogCache,
    config: AppConfigService,
  ) {
    this.appName = config.get('APP_NAME');
    this.defaultLocale = config.get('SMS_DEFAULT_LOCALE');
  }

  async create(dto: CreateTemplateDto): Promise<SmsTemplate> {
    const fields = this.checked({
      name: dto.name,
      kind: dto.kind,
      channel: dto.channel ?? 'sms',
      purpose: dto.purpose ?? undefined,
      locale: dto.locale ?? undefined,
      content: dto.content,
    });
    const providerTemplateIds = readProviderTemplateIds(dto.providerTemplateIds);
    checkProviderIds(fields.channel, providerTemplateIds);
    try {
      return await this.templates.create({ ...fields, providerTemplateIds });
    } catch (error) {
      throw isUniqueViolation(error) ? new TemplateNameTakenError() : error;
    } finally {
      this.catalog.changed();
    }
  }

  list(query: ListTemplatesQueryDto): Promise<Page<SmsTemplate>> {
    const locale = query.locale === undefined ? undefined : normalizeLocale(query.locale);
    if (query.locale !== undefined && locale === undefined) throw invalidLocale();
    return this.templates.list(
      {
        kind: query.kind,
        channel: query.channel,
        purpose: query.purpose,
        locale,
        status: query.status,
        name: query.name,
      },
      query.page,
      query.pageSize,
    );
  }

  async get(id: string): Promise<SmsTemplate> {
    return (await this.templates.findById(id)) ?? notFound();
  }

  async update(id: string, dto: UpdateTemplateDto): Promise<SmsTemplate> {
    try {
      return await inCatalogTransaction(this.prisma, 'templates', async (tx) => {
        const current = await this.mustFind(tx, id);
        const fields = this.checked({
          name: dto.name ?? current.name,
          kind: dto.kind ?? current.kind,
          channel: dto.channel ?? current.channel,
          purpose: dto.purpose ?? current.purpose,
          locale: dto.locale ?? current.locale,
          content: dto.content ?? current.content,
        });
        const providerTemplateIds =
          dto.providerTemplateIds == null
            ? undefined
            : readProviderTemplateIds(dto.providerTemplateIds);
        checkProviderIds(
          fields.channel,
          providerTemplateIds ?? readProviderTemplateIds(current.providerTemplateIds),
        );
        const reviewed =
          fields.content !== current.content ||
          fields.kind !== current.kind ||
          fields.channel !== current.channel;
        const data: Prisma.SmsTemplateUpdateInput = {
          ...fields,
          ...(providerTemplateIds === undefined ? {} : { providerTemplateIds }),
          ...(reviewed ? { status: 'pending', rejectionReason: null } : {}),
        };
        return tx.smsTemplate.update({ where: { id }, data });
      });
    } catch (error) {
      throw isUniqueViolation(error) ? new TemplateNameTakenError() : error;
    } finally {
      this.catalog.changed();
    }
  }

  approve(id: string): Promise<SmsTemplate> {
    return this.review(id, { status: 'approved', rejectionReason: null });
  }

  reject(id: string, reason: string): Promise<SmsTemplate> {
    return this.review(id, { status: 'rejected', rejectionReason: reason });
  }

  delete(id: string): Promise<void> {
    return inCatalogTransaction(this.prisma, 'templates', async (tx) => {
      const current = await this.mustFind(tx, id);
      if (
        current.kind === 'verification' &&
        current.status === 'approved' &&
        (await this.templates.countApproved(tx, current.kind, current.channel, current.purpose)) ===
          1
      ) {
        throw new TemplateInUseError(
          `This is the only approved ${current.channel} template for ${current.purpose} codes; approve another ` +
            'one (or reject this one) first',
        );
      }
      await this.templates.delete(tx, id);
    }).finally(() => this.catalog.changed());
  }

  private review(id: string, data: Prisma.SmsTemplateUpdateInput): Promise<SmsTemplate> {
    return inCatalogTransaction(this.prisma, 'templates', async (tx) => {
      await this.mustFind(tx, id);
      return tx.smsTemplate.update({ where: { id }, data });
    }).finally(() => this.catalog.changed());
  }

  /** Normalises the locale, checks the purpose for the kind, and checks the content. */
  private checked(draft: TemplateDraftFields): TemplateFields {
    const locale = normalizeLocale(draft.locale ?? this.defaultLocale);
    if (locale === undefined) throw invalidLocale();
    const purpose = draft.purpose ?? (draft.kind === 'verification' ? undefined : DEFAULT_LABEL);
    if (draft.kind === 'verification' && !isCodePurpose(purpose)) {
      throw invalid(
        'purpose',
        `a verification template's purpose is one of ${SMS_PURPOSES.join(', ')}`,
      );
    }
    checkTemplateContent(draft, this.appName);
    return { ...draft, purpose: purpose ?? DEFAULT_LABEL, locale };
  }

  private async mustFind(tx: Db, id: string): Promise<SmsTemplate> {
    return (await this.templates.findById(id, tx)) ?? notFound();
  }
}

/** Tencent's SendCodeVoice reads the code without a template: a Tencent id there means nothing. */
function checkProviderIds(channel: MessageChannel, ids: Record<string, string>): void {
  if (channel === 'voice' && ids.tencent !== undefined) {
    throw invalid(
      'providerTemplateIds.tencent',
      "a voice template takes no Tencent id: Tencent's SendCodeVoice reads the code alone",
    );
  }
}

const isCodePurpose = (purpose: string | undefined): boolean =>
  purpose !== undefined && (SMS_PURPOSES as readonly string[]).includes(purpose);

function invalid(field: string, message: string): InvalidParamError {
  return new InvalidParamError(`Invalid parameters: ${field}`, [{ field, message }]);
}

function invalidLocale(): InvalidParamError {
  return invalid('locale', 'locale must be a language tag such as zh-CN or en');
}

function notFound(): never {
  throw new TemplateNotFoundError();
}
