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

export class NotificationQueuedDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Our message id: follow it at GET /v1/admin/sms/messages/{id}',
  })
  id: string;

  @ApiProperty({ enum: ['queued'], description: 'A worker sends it; its record tells how it went' })
  status: 'queued';
}
