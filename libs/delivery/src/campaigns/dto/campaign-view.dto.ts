import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SendWindowDto } from './create-campaign.dto';

export const CAMPAIGN_STATES = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'completed',
  'cancelled',
  'failed',
] as const;

export class RecipientCountsDto {
  @ApiProperty({ description: 'Rows taken, to send (suppressed ones not counted)' })
  accepted: number;
  @ApiProperty({ description: 'Rows whose phone the campaign had already' }) duplicate: number;
  @ApiProperty({ description: 'Rows whose phone opted out of the signature' }) suppressed: number;
  @ApiProperty({ description: 'Rows refused, see GET …/recipients/report' }) rejected: number;
}

export class ProviderCountDto {
  @ApiProperty({ example: 'tencent' }) provider: string;
  @ApiProperty({ example: 'delivered' }) status: string;
  @ApiProperty() count: number;
}

export class CampaignProgressDto {
  @ApiProperty({ description: 'Waiting for a worker, its window or its next try' }) queued: number;
  @ApiProperty({ description: 'Taken by a provider, no receipt yet' }) sent: number;
  @ApiProperty() delivered: number;
  @ApiProperty() undelivered: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'A provider may have taken it (its answer was lost)' })
  unknown: number;
  @ApiProperty({ description: 'Opted out, not sent' }) suppressed: number;
  @ApiProperty({ description: 'Not sent: the campaign was cancelled' }) cancelled: number;
  @ApiProperty({ type: [ProviderCountDto] }) byProvider: ProviderCountDto[];
}

export class CampaignDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['marketing', 'notification'] }) kind: string;
  @ApiProperty() template: string;
  @ApiProperty() locale: string;
  @ApiProperty({ description: 'The signature text' }) signature: string;
  @ApiProperty({ enum: CAMPAIGN_STATES }) status: string;
  @ApiProperty({ nullable: true, type: Date }) scheduledAt: Date | null;
  @ApiProperty({ nullable: true, type: SendWindowDto }) window: SendWindowDto | null;
  @ApiProperty({ nullable: true, type: Number }) rate: number | null;
  @ApiProperty({ type: RecipientCountsDto }) recipients: RecipientCountsDto;
  @ApiProperty({ nullable: true, type: String }) failureReason: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @ApiPropertyOptional({ type: CampaignProgressDto, description: 'Once confirmed' })
  progress?: CampaignProgressDto;
}

export class CampaignPageDto {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** Named apart from the suppression import's RejectedRowDto: OpenAPI schemas share one namespace. */
export class RejectedRecipientDto {
  @ApiProperty({ description: 'Which upload (1, 2, …)' }) upload: number;
  @ApiProperty({ description: 'The row in the file; the header is row 1' }) rowNumber: number;
  @ApiProperty({ example: 'PhoneInvalid' }) code: string;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class UploadResultDto extends RecipientCountsDto {
  @ApiProperty({ description: "This upload's number" }) upload: number;
  @ApiProperty({ description: 'Data rows read' }) rows: number;
}

export class RecipientReportDto extends RecipientCountsDto {
  @ApiProperty() uploads: number;
  @ApiProperty({ type: [RejectedRecipientDto], description: 'The first 1,000 rejected rows' })
  rejectedRows: RejectedRecipientDto[];
}

export class PriceEstimateDto {
  @ApiProperty({ example: 45.0 }) amount: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: 0.045 }) perSegment: number;
}

export class CampaignPreviewDto {
  @ApiProperty({ description: 'The recipient previewed (1-based, in upload order)' }) row: number;
  @ApiProperty() phone: string;
  @ApiProperty({ description: 'The message as the recipient gets it' }) content: string;
  @ApiProperty() segments: number;
  @ApiProperty({ description: 'Recipients to send to' }) recipients: number;
  @ApiProperty({ description: 'Segments over every recipient' }) totalSegments: number;
  @ApiProperty({ nullable: true, type: PriceEstimateDto, description: 'SMS_PRICE_PER_SEGMENT set' })
  estimatedCost: PriceEstimateDto | null;
}
