import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCatalogName, IsPlainText } from '../../catalog.dto';
import { WINDOW_TIME } from '../send-window';

export const CAMPAIGN_KINDS = ['marketing', 'notification'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** The most messages per second a campaign may ask for. */
export const MAX_CAMPAIGN_RATE = 5000;

export class SendWindowDto {
  @ApiProperty({ example: '08:00', description: 'HH:MM, local time' })
  @Matches(WINDOW_TIME, { message: 'start must be HH:MM' })
  start: string;

  @ApiProperty({ example: '22:00', description: 'HH:MM, local time (excluded)' })
  @Matches(WINDOW_TIME, { message: 'end must be HH:MM' })
  end: string;

  @ApiProperty({ example: 'Asia/Shanghai', description: 'IANA time zone' })
  @IsString()
  @MaxLength(64)
  timeZone: string;
}

export class CreateCampaignDto {
  @ApiProperty({ example: '2027 Spring Festival greeting' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsPlainText()
  name: string;

  @ApiProperty({ enum: CAMPAIGN_KINDS })
  @IsIn(CAMPAIGN_KINDS)
  kind: CampaignKind;

  @ApiProperty({ description: 'An approved template of this kind, by name', example: 'new_year' })
  @IsCatalogName()
  template: string;

  @ApiPropertyOptional({ description: "The template's locale; SMS_DEFAULT_LOCALE's by default" })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({ description: 'An approved signature by name; the default one if absent' })
  @IsOptional()
  @IsCatalogName()
  signature?: string;

  @ApiPropertyOptional({
    description: 'When to start (ISO 8601 with a zone, at most 31 days ahead); absent, at confirm',
    example: '2027-02-05T08:00:00+08:00',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  scheduledAt?: string;

  @ApiPropertyOptional({
    type: SendWindowDto,
    description: 'Daily hours to send in; 08:00–22:00 Asia/Shanghai for marketing by default',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SendWindowDto)
  window?: SendWindowDto;

  @ApiPropertyOptional({
    description: 'Messages per second',
    minimum: 1,
    maximum: MAX_CAMPAIGN_RATE,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CAMPAIGN_RATE)
  rate?: number;
}
