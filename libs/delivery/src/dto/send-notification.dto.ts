import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCatalogName } from '../catalog.dto';

export class SendNotificationDto {
  @ApiProperty({ example: '+8613800138000' })
  @IsString()
  @MaxLength(32)
  phone: string;

  @ApiProperty({ example: 'order_shipped', description: 'A notification or marketing template' })
  @IsCatalogName()
  template: string;

  @ApiPropertyOptional({ example: 'main', description: 'Signature name; the default otherwise' })
  @IsOptional()
  @IsCatalogName()
  signature?: string;

  @ApiPropertyOptional({
    example: 'zh-CN',
    description: 'Else from the phone region, else default',
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 35 },
    example: { order: 'A-1001' },
    description: 'Caller variables: strings of 1 to 35 characters, no 【】',
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class NotificationSentDto {
  @ApiProperty({ format: 'uuid', description: 'Our message id (see GET /v1/admin/sms/messages)' })
  id: string;

  @ApiProperty({
    example: 'tencent',
    description: 'The provider that took it; `test` for a test number',
  })
  provider: string;

  @ApiPropertyOptional({ description: "The provider's id, matched by delivery receipts" })
  providerMessageId?: string;

  @ApiProperty({ description: 'Billing segments (70 characters, 67 per part beyond)' })
  segments: number;

  @ApiProperty({ description: 'Sent to a number of SMS_TEST_NUMBERS: nothing went out' })
  testNumber: boolean;
}
