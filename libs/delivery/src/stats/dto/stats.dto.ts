import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { STATS_DIMENSIONS, StatsDimension } from '../sms-stats.repository';

export class StatsQueryDto {
  @ApiPropertyOptional({
    description: 'ISO 8601, inclusive; 30 days before `to` by default',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive; now by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: STATS_DIMENSIONS, default: 'day' })
  @IsOptional()
  @IsIn(STATS_DIMENSIONS)
  groupBy: StatsDimension = 'day';
}

export class StatsCountsDto {
  @ApiProperty({ description: 'Messages recorded (test numbers excluded)' }) messages: number;
  @ApiProperty({ description: 'Accepted by a provider, no receipt yet' }) sent: number;
  @ApiProperty() delivered: number;
  @ApiProperty() undelivered: number;
  @ApiProperty({ description: 'The answer was lost (a timeout): it may have gone out' })
  unknown: number;
  @ApiProperty({ description: 'No provider took it' }) failed: number;
  @ApiProperty({
    description: 'Billing units of the messages a provider took: SMS segments, one per call',
  })
  segments: number;
  @ApiProperty({ description: 'Verification messages a provider took' }) codesSent: number;
  @ApiProperty({ description: 'Of those, codes that were verified' }) codesVerified: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'codesVerified / codesSent (4 decimals); null without codes sent',
    example: 0.8125,
  })
  conversionRate: number | null;
  @ApiProperty({ description: 'Replies of an opt-out keyword (R, TD, 退订…) to these messages' })
  optOuts: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'delivered / (sent + delivered + undelivered), 4 decimals; null without any',
  })
  deliveryRate: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'optOuts / messages, 4 decimals; null without messages',
  })
  optOutRate: number | null;
}

export class StatsGroupDto extends StatsCountsDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'The group: a UTC day (YYYY-MM-DD), template name, signature, provider, status, ' +
      'region, channel (sms, voice) or campaign id; null for the built-in template, messages ' +
      'of no campaign, or messages recorded before it was kept',
  })
  key: string | null;
}

export class StatsDto {
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty({ enum: STATS_DIMENSIONS }) groupBy: StatsDimension;
  @ApiProperty({ type: StatsCountsDto }) totals: StatsCountsDto;
  @ApiProperty({ type: [StatsGroupDto] }) groups: StatsGroupDto[];
}
