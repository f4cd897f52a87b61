import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { SmsReviewStatus, SmsTemplateKind } from '@app/prisma';
import {
  CATALOG_NAME,
  CATALOG_NAME_MESSAGE,
  CatalogPageQueryDto,
  IsCatalogName,
  IsPlainText,
  PURPOSE_LABEL,
  REVIEW_STATUSES,
} from '../../catalog.dto';
import { MESSAGE_CHANNELS, MessageChannel } from '../../channels/channel';
import { SMS_PURPOSES } from '../../templates/message-purposes';
import { MAX_MESSAGE_LENGTH } from '../template-limits';

export const TEMPLATE_KINDS = Object.values(SmsTemplateKind);
const PROVIDER_TEMPLATE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export class ProviderTemplateIdsDto {
  @ApiPropertyOptional({
    example: '1110',
    description: 'Tencent Cloud TemplateId (SMS only: SendCodeVoice takes no template)',
  })
  @IsOptional()
  @IsString()
  @Matches(PROVIDER_TEMPLATE_ID, { message: 'tencent must be a template id such as 1110' })
  tencent?: string;

  @ApiPropertyOptional({
    example: 'SMS_15305001',
    description: 'Aliyun TemplateCode; of a voice template, its Dyvms TTS template (TTS_…)',
  })
  @IsOptional()
  @IsString()
  @Matches(PROVIDER_TEMPLATE_ID, { message: 'aliyun must be a template code such as SMS_1' })
  aliyun?: string;
}

export class CreateTemplateDto {
  @ApiProperty({ example: 'login_code', description: 'How senders refer to it (`template`)' })
  @IsCatalogName()
  name: string;

  @ApiProperty({ enum: TEMPLATE_KINDS })
  @IsIn(TEMPLATE_KINDS)
  kind: SmsTemplateKind;

  @ApiPropertyOptional({
    enum: MESSAGE_CHANNELS,
    description:
      'sms (default), or voice: a verification text read out in a call, with the voice rules ' +
      '(only {{code}}, {{ttl}}, {{name}}; no signature, no link; at most 350 characters)',
  })
  @IsOptional()
  @IsIn(MESSAGE_CHANNELS)
  channel?: MessageChannel;

  @ApiPropertyOptional({
    example: 'login',
    description: `Verification: one of ${SMS_PURPOSES.join(', ')} (required). Others: a label, default "general"`,
  })
  @IsOptional()
  @IsString()
  @Matches(PURPOSE_LABEL, { message: 'purpose must be lower-case letters, digits and "_"' })
  purpose?: string;

  @ApiPropertyOptional({
    example: 'zh-CN',
    description: 'BCP 47 tag; SMS_DEFAULT_LOCALE if absent',
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiProperty({
    example: '您的验证码是{{code}}，{{ttl}}分钟内有效。',
    description:
      'Handlebars text without the signature: only {{name}} placeholders. System variables: ' +
      'code, ttl (verification only), name, sign, template',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH)
  @IsPlainText(true)
  content: string;

  @ApiPropertyOptional({ type: ProviderTemplateIdsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProviderTemplateIdsDto)
  providerTemplateIds?: ProviderTemplateIdsDto;
}

export class UpdateTemplateDto extends PartialType(CreateTemplateDto) {}

export class ListTemplatesQueryDto extends CatalogPageQueryDto {
  @ApiPropertyOptional({ enum: TEMPLATE_KINDS })
  @IsOptional()
  @IsIn(TEMPLATE_KINDS)
  kind?: SmsTemplateKind;

  @ApiPropertyOptional({ enum: MESSAGE_CHANNELS })
  @IsOptional()
  @IsIn(MESSAGE_CHANNELS)
  channel?: MessageChannel;

  @ApiPropertyOptional({ example: 'login' })
  @IsOptional()
  @IsString()
  @Matches(PURPOSE_LABEL, { message: 'purpose must be lower-case letters, digits and "_"' })
  purpose?: string;

  @ApiPropertyOptional({ example: 'zh-CN' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({ example: 'login_code' })
  @IsOptional()
  @IsString()
  @Matches(CATALOG_NAME, { message: CATALOG_NAME_MESSAGE })
  name?: string;
}

export class TemplateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TEMPLATE_KINDS }) kind: SmsTemplateKind;
  @ApiProperty({ enum: MESSAGE_CHANNELS, description: 'What its messages go out on: sms or voice' })
  channel: MessageChannel;
  @ApiProperty() purpose: string;
  @ApiProperty() locale: string;
  @ApiProperty() content: string;
  @ApiProperty({
    type: [String],
    description: 'Placeholders in order of first appearance: Tencent {1}, {2}, …',
  })
  variables: string[];
  @ApiProperty({ type: ProviderTemplateIdsDto }) providerTemplateIds: ProviderTemplateIdsDto;
  @ApiProperty({ enum: REVIEW_STATUSES }) status: SmsReviewStatus;
  @ApiProperty({ nullable: true, type: String }) rejectionReason: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class TemplatePageDto {
  @ApiProperty({ type: [TemplateDto] }) items: TemplateDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
