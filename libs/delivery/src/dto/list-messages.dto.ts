import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { MESSAGE_CHANNELS, MessageChannel } from '../channels/channel';

/**
 * `queued`: a notification waiting for a worker or for its next try; `expired`: a code whose
 * process died before sending it, taken up by a worker after the code had expired (not sent).
 */
export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'failed',
  'delivered',
  'undelivered',
  'unknown',
  'expired',
] as const;

export class ListMessagesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+8613800138000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ enum: MESSAGE_STATUSES })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: (typeof MESSAGE_STATUSES)[number];

  @ApiPropertyOptional({
    description: 'ISO 8601; messages sent at or after',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; messages sent before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class SmsAttemptDto {
  @ApiProperty({ example: 'tencent' }) provider: string;
  @ApiPropertyOptional() providerMessageId?: string;
  @ApiProperty({
    enum: ['sent', 'failed', 'unknown'],
    description: '`unknown`: the answer was lost (a timeout), the message may have gone out',
  })
  status: 'sent' | 'failed' | 'unknown';
  @ApiPropertyOptional({ example: 'LimitExceeded.PhoneNumberDailyLimit' }) errorCode?: string;
  @ApiPropertyOptional() errorMessage?: string;
  @ApiProperty({ description: 'How long the provider took, in ms' }) latencyMs: number;
}

export class SmsMessageDto {
  @ApiProperty() id: string;
  @ApiProperty() phone: string;
  @ApiProperty() purpose: string;
  @ApiProperty() provider: string;
  @ApiProperty({ nullable: true, type: String }) providerMessageId: string | null;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
  @ApiProperty({ nullable: true, type: String }) errorMessage: string | null;
  @ApiProperty({ description: 'As sent, with the code masked' }) content: string;
  @ApiProperty() segments: number;
  @ApiProperty({ nullable: true, type: String }) clientIp: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ enum: ['verification', 'notification', 'marketing'] }) kind: string;
  @ApiProperty({ enum: MESSAGE_CHANNELS, description: 'What it went out on' })
  channel: MessageChannel;
  @ApiProperty({ nullable: true, type: String, description: 'Null for the built-in text' })
  templateName: string | null;
  @ApiProperty({ nullable: true, type: String }) locale: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The text inside 【】' })
  signature: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CN' }) region: string | null;
  @ApiProperty({ description: 'Sent to a number of SMS_TEST_NUMBERS: nothing went out' })
  testNumber: boolean;
  @ApiProperty({ nullable: true, type: Date, description: 'When its code was verified' })
  verifiedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, example: 'DELIVRD' }) receiptCode: string | null;
  @ApiProperty({ nullable: true, type: Date }) receiptAt: Date | null;
  @ApiProperty({ type: [SmsAttemptDto], description: 'Each provider tried, in order' })
  attempts: SmsAttemptDto[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The campaign it was for' })
  campaignId?: string | null;
}

export class SmsMessagePageDto {
  @ApiProperty({ type: [SmsMessageDto] }) items: SmsMessageDto[];
  @ApiProperty({
    description:
      "Messages matching the filter: counted exactly up to 10,000; past that PostgreSQL's " +
      'estimate (`totalIsEstimate`), so that the list answers in bounded time at any size',
  })
  total: number;
  @ApiProperty({
    description: 'Whether `total` is an estimate (more than 10,000 matches) rather than a count',
  })
  totalIsEstimate: boolean;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
