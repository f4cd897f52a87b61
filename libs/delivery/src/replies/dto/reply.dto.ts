import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { IsSignatureReference } from '../../suppression/dto/signature-reference.dto';

// Documentation of the providers' reply callbacks; they are read by `inbound-reply.ts`.

export class TencentReplyDto {
  @ApiPropertyOptional({ description: 'Channel extension code; empty unless enabled' })
  extend?: string;
  @ApiProperty({ example: '13800138000', description: 'National number' }) mobile: string;
  @ApiProperty({ example: '86' }) nationcode: string;
  @ApiProperty({ example: '示例商城', description: 'The signature replied to' }) sign: string;
  @ApiProperty({ example: 'TD' }) text: string;
  @ApiProperty({ example: 1796150800, description: 'Unix seconds' }) time: number;
}

export class AliyunSmsUpDto {
  @ApiProperty({ example: '13800138000' }) phone_number: string;
  @ApiProperty({ example: 'TD' }) content: string;
  @ApiPropertyOptional({ example: '2026-11-21 08:03:04', description: 'China time (UTC+8)' })
  send_time?: string;
  @ApiPropertyOptional({ example: '1234' }) dest_code?: string;
  @ApiPropertyOptional({ example: '1234567890', description: 'A string or a number' })
  sequence_id?: string;
  @ApiPropertyOptional({ example: '示例商城', description: 'In some documented variants only' })
  sign_name?: string;
}

const REPLY_PROVIDERS = ['tencent', 'aliyun'] as const;

export class ListRepliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+8613800138000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ example: 'main', description: 'The signature replied to, by name or id' })
  @IsOptional()
  @IsSignatureReference()
  signature?: string;

  @ApiPropertyOptional({ enum: REPLY_PROVIDERS })
  @IsOptional()
  @IsIn(REPLY_PROVIDERS)
  provider?: (typeof REPLY_PROVIDERS)[number];

  @ApiPropertyOptional({ description: 'true: opt-out replies only; false: the others' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  optOut?: boolean;

  @ApiPropertyOptional({ description: 'ISO 8601; received at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; received before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class SmsReplyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REPLY_PROVIDERS }) provider: string;
  @ApiProperty({ example: '+8613800138000' }) phone: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The signature it answered, when matched' })
  signatureId?: string;
  @ApiPropertyOptional({ example: 'main', description: "That signature's name" })
  signature?: string;
  @ApiPropertyOptional({ example: '示例商城', description: 'The sign the provider named' })
  signName?: string;
  @ApiPropertyOptional({ description: 'Tencent extend, Aliyun dest_code' }) extendCode?: string;
  @ApiProperty({ example: 'TD' }) text: string;
  @ApiProperty({ description: 'An opt-out keyword: the number is suppressed for the signature' })
  optOut: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'The message it answers, when matched' })
  messageId?: string;
  @ApiProperty({ format: 'date-time', description: "The provider's time of the reply" })
  repliedAt: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class SmsReplyPageDto {
  @ApiProperty({ type: [SmsReplyDto] }) items: SmsReplyDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
